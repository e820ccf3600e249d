package dev.tollgate.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.PostgresTestSupport;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SettlementJournalPersistenceAdapterTest {
    private final JdbcTemplate jdbc = PostgresTestSupport.jdbc();
    private final SettlementJournalPersistenceAdapter journal =
            new SettlementJournalPersistenceAdapter(PostgresTestSupport.eventStore(), jdbc);

    private static RequestSettledEvent settled(String requestId, long cost) {
        return new RequestSettledEvent(requestId, "token-1", "user-1", "gpt-4o-mini", "gpt-4o-mini", "channel-1",
                12, 8, cost, 35, 200, "succeeded", false, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private long stored(String requestId) {
        Long n = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, requestId);
        return n == null ? 0 : n;
    }

    @Test
    void givenABatch_whenAppended_thenEverySettlementIsStoredAsTheOnlyEventOfItsRequest() {
        // given
        List<RequestSettledEvent> batch = List.of(settled(UUID.randomUUID().toString(), 20),
                settled(UUID.randomUUID().toString(), 30), settled(UUID.randomUUID().toString(), 40));

        // when
        int count = journal.append(batch);

        // then
        assertThat(count).isEqualTo(3);
        assertThat(batch).allSatisfy(e -> assertThat(stored(e.requestId())).isEqualTo(1));
        String type = jdbc.queryForObject("select type from domain_event_entry where aggregate_identifier = ?",
                String.class, batch.getFirst().requestId());
        assertThat(type).isEqualTo(SettlementJournalPersistenceAdapter.STREAM_TYPE);
    }

    @Test
    void givenAStoredRequest_whenABatchRepeatsIt_thenOnlyTheNewOnesAreStoredAndNothingTwice() {
        // given
        String repeated = UUID.randomUUID().toString();
        journal.append(List.of(settled(repeated, 20)));
        String fresh = UUID.randomUUID().toString();

        // when
        int count = journal.append(List.of(settled(repeated, 20), settled(fresh, 25)));

        // then
        assertThat(count).isEqualTo(1);
        assertThat(stored(repeated)).isEqualTo(1);
        assertThat(stored(fresh)).isEqualTo(1);
    }

    @Test
    void givenTheSameRequestTwiceInOneBatch_whenAppended_thenItIsStoredOnce() {
        // given
        String id = UUID.randomUUID().toString();

        // when
        int count = journal.append(List.of(settled(id, 20), settled(id, 20)));

        // then
        assertThat(count).isEqualTo(1);
        assertThat(stored(id)).isEqualTo(1);
    }
}
