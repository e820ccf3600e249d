package dev.tollgate.adapter.out.persistence.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.application.common.port.out.IdempotencyPort.Outcome;
import dev.tollgate.application.common.port.out.IdempotencyPort.StoredAnswer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresSupport.class)
class IdempotencyPersistenceAdapterTest {
    private final IdempotencyPersistenceAdapter records =
            new IdempotencyPersistenceAdapter(EmbeddedPostgresSupport.jdbc());
    private final String key = "key-" + UUID.randomUUID();

    @Test
    void givenAKey_thenClaimRunsOnceReplaysTheAnswerAndRefusesAnotherRequest() {
        assertThat(records.claim("user:a", key, "h1").outcome()).isEqualTo(Outcome.NEW);
        assertThat(records.claim("user:a", key, "h1").outcome()).isEqualTo(Outcome.IN_PROGRESS);

        records.complete(
                "user:a",
                key,
                new StoredAnswer(201, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8)));

        var replay = records.claim("user:a", key, "h1");
        assertThat(replay.outcome()).isEqualTo(Outcome.REPLAY);
        assertThat(replay.answer().status()).isEqualTo(201);
        assertThat(new String(replay.answer().body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(records.claim("user:a", key, "h2").outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(records.claim("user:b", key, "h1").outcome())
                .as("another caller's key space")
                .isEqualTo(Outcome.NEW);
    }

    @Test
    void givenAnAbandonedClaim_thenTheKeyCanBeUsedAgain() {
        records.claim("user:a", key, "h1");
        records.abandon("user:a", key);

        assertThat(records.claim("user:a", key, "h1").outcome()).isEqualTo(Outcome.NEW);
    }

    @Test
    void givenFiftyRacingClaims_thenExactlyOneIsNew() throws Exception {
        AtomicInteger fresh = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 50; i++) {
                pool.submit(() -> {
                    if (records.claim("user:race", key, "h").outcome() == Outcome.NEW) {
                        fresh.incrementAndGet();
                    }
                });
            }
        }
        assertThat(fresh.get()).isEqualTo(1);
    }
}
