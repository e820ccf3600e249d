package dev.tollgate.adapter.out.persistence.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.application.responses.port.out.StoredResponse;
import dev.tollgate.application.responses.service.ResponseArchive;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code stored_response} on the real PostgreSQL, and the asynchronous writer in front of it. */
@ExtendWith(EmbeddedPostgresSupport.class)
class ResponseStorePersistenceAdapterTest {
    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    private final ResponseStorePersistenceAdapter store =
            new ResponseStorePersistenceAdapter(EmbeddedPostgresSupport.jdbc());

    private static StoredResponse response(String status, Instant expiresAt) {
        return new StoredResponse(
                "resp_" + UUID.randomUUID().toString().replace("-", ""),
                null,
                "token-1",
                "org-1",
                "channel-1",
                "anthropic",
                "sha256:" + "ab".repeat(32),
                "claude-test",
                status,
                false,
                "[{\"role\":\"user\",\"content\":\"hi\"}]",
                "{\"id\":\"x\",\"status\":\"" + status + "\"}",
                NOW.minus(1, ChronoUnit.HOURS),
                expiresAt);
    }

    @Test
    void givenAStoredResponse_whenSavedAgainWithAnotherStatus_thenTheLatestStateIsRead() {
        // given
        StoredResponse queued = response("queued", NOW.plus(30, ChronoUnit.DAYS));
        store.saveAll(List.of(queued));

        // when
        store.saveAll(List.of(queued.with("completed", "{\"done\":true}", "channel-2", "gemini")));

        // then
        StoredResponse read = store.find(queued.id(), NOW).orElseThrow();
        assertThat(read.status()).isEqualTo("completed");
        assertThat(read.body()).isEqualTo("{\"done\":true}");
        assertThat(read.channelId()).isEqualTo("channel-2");
        assertThat(read.channelKey()).isEqualTo("sha256:" + "ab".repeat(32));
        assertThat(read.tokenId()).isEqualTo("token-1");
        assertThat(read.inputItems()).isEqualTo(queued.inputItems());
        assertThat(read.createdAt()).isEqualTo(queued.createdAt());
    }

    @Test
    void givenAResponseOfOneKey_whenAnotherKeysResponseWithTheSameIdIsSaved_thenTheFirstIsUnchanged() {
        // given
        StoredResponse first = response("completed", NOW.plus(30, ChronoUnit.DAYS));
        store.saveAll(List.of(first));
        StoredResponse other = new StoredResponse(
                first.id(),
                null,
                "token-2",
                "org-2",
                "channel-9",
                "openai",
                null,
                "m",
                "completed",
                false,
                "[]",
                "{\"from\":\"another key\"}",
                NOW,
                NOW.plus(30, ChronoUnit.DAYS));

        // when
        store.saveAll(List.of(other));

        // then
        StoredResponse read = store.find(first.id(), NOW).orElseThrow();
        assertThat(read.tokenId()).isEqualTo("token-1");
        assertThat(read.body()).isEqualTo(first.body());
        assertThat(read.channelId()).isEqualTo("channel-1");
    }

    @Test
    void givenAnExpiredResponse_whenRead_thenItIsNotFoundAndThePruneDeletesItInBoundedBatches() {
        // given
        StoredResponse expired1 = response("completed", NOW.minusSeconds(10));
        StoredResponse expired2 = response("completed", NOW.minusSeconds(5));
        StoredResponse live = response("completed", NOW.plusSeconds(60));
        store.saveAll(List.of(expired1, expired2, live));

        // when
        int first = store.deleteExpired(NOW, 1);
        int rest = store.deleteExpired(NOW, 1000);

        // then
        assertThat(store.find(expired1.id(), NOW)).isEmpty();
        assertThat(first).isEqualTo(1);
        assertThat(rest).isGreaterThanOrEqualTo(1);
        assertThat(store.find(expired2.id(), NOW.minusSeconds(60)))
                .as("deleted, whatever the time")
                .isEmpty();
        assertThat(store.find(live.id(), NOW)).isPresent();
        assertThat(store.delete(live.id())).isTrue();
        assertThat(store.delete(live.id())).isFalse();
    }

    @Test
    void givenTheDatabaseIsLocked_whenTheQueueFills_thenFurtherResponsesAreDroppedAndQueuedOnesStayReadable()
            throws Exception {
        // given: the writer is stuck on a locked table; its queue holds one response
        StoredResponse first = response("completed", NOW.plus(1, ChronoUnit.DAYS));
        StoredResponse second = response("completed", NOW.plus(1, ChronoUnit.DAYS));
        StoredResponse third = response("completed", NOW.plus(1, ChronoUnit.DAYS));
        try (ResponseArchive archive = new ResponseArchive(store, 1, 10);
                Connection lock = EmbeddedPostgresSupport.dataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table stored_response in access exclusive mode");
            }
            assertThat(archive.offer(first)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> archive.queued() == 0); // the writer took it

            // when
            boolean secondQueued = archive.offer(second);
            boolean thirdQueued = archive.offer(third);

            // then
            assertThat(secondQueued).isTrue();
            assertThat(thirdQueued).isFalse();
            assertThat(archive.dropped()).isEqualTo(1);
            assertThat(archive.find(second.id(), NOW))
                    .as("readable before it is written")
                    .isPresent();
            lock.rollback();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.find(first.id(), NOW).isPresent()
                            && store.find(second.id(), NOW).isPresent());
            assertThat(archive.find(third.id(), NOW)).isEmpty();
        }
    }
}
