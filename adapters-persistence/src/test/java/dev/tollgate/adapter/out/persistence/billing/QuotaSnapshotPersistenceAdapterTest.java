package dev.tollgate.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.port.out.QuotaSnapshotPort.QuotaSnapshot;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/** The quota snapshot a process starts from: exactly what the stored settlement batches add up to. */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class QuotaSnapshotPersistenceAdapterTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final YearMonth MONTH = YearMonth.of(2026, 12);

    private final JdbcTemplate jdbc;
    private final SettlementJournalPersistenceAdapter journal;
    private final QuotaSnapshotPersistenceAdapter snapshots;
    private final String token = "t-" + UUID.randomUUID();
    private final String org = "org-" + UUID.randomUUID();

    @Autowired
    QuotaSnapshotPersistenceAdapterTest(
            RequestEventStore requests, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.journal = new SettlementJournalPersistenceAdapter(
                requests.store(), jdbc, transactions, new UsageRecordWriter(jdbc), "node-a");
        this.snapshots = new QuotaSnapshotPersistenceAdapter(jdbc, transactions);
    }

    private RequestSettledEvent settled(String request, long cost, long reserved, Instant at) {
        return new RequestSettledEvent(
                request,
                token,
                "alice",
                "m",
                "m",
                "c",
                1,
                2,
                cost,
                3,
                200,
                "succeeded",
                false,
                at,
                0,
                0,
                0,
                0,
                1,
                reserved,
                org);
    }

    private QuotaReservedEvent reserved(String request, long amount) {
        return new QuotaReservedEvent(request, token, "alice", "m", amount, "node-a", AT, org);
    }

    @Test
    void givenSettlementsInSeveralBatches_whenTheSnapshotIsLoaded_thenItHoldsTheirSumsTheOpenHoldsAndTheHead() {
        // given: two batches (one repeated, as a retry would), a settlement of last month, and a hold still open
        String r1 = "r-" + UUID.randomUUID();
        String r2 = "r-" + UUID.randomUUID();
        String r3 = "r-" + UUID.randomUUID();
        String open = "r-" + UUID.randomUUID();
        journal.append(List.of(reserved(r1, 100), settled(r1, 40, 100, AT), settled(r2, 25, 0, AT)));
        journal.append(List.of(
                settled(r2, 25, 0, AT), settled(r3, 7, 0, Instant.parse("2026-11-30T23:00:00Z")), reserved(open, 60)));

        // when
        QuotaSnapshot snapshot = snapshots.load(MONTH);

        // then
        assertThat(snapshot.spent())
                .containsEntry("key:" + token, 72L)
                .containsEntry("wallet:" + org, 72L)
                .containsEntry("budget:" + org + "/alice:2026-12", 65L)
                .doesNotContainKey("budget:" + org + "/alice:2026-11");
        assertThat(snapshot.open())
                .filteredOn(r -> r.tokenId().equals(token))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.requestId()).isEqualTo(open);
                    assertThat(r.amount()).isEqualTo(60);
                });
        assertThat(snapshot.position())
                .isEqualTo(jdbc.queryForObject("select max(global_index) from request_event_entry", Long.class));
        assertThat(jdbc.queryForObject("""
                select count(*) from request_event_entry where aggregate_identifier in (?, ?, ?, ?)""", Long.class, r1, r2, r3, open)).isEqualTo(5);
    }

    @Test
    void givenAPositionTakenByABatchNotCommittedYet_whenTheSnapshotIsLoaded_thenItIsAGapToFollow() {
        // given: a position taken from the sequence (as by a batch still being written) below a stored event
        long taken = jdbc.queryForObject("select nextval('request_event_entry_global_index_seq')", Long.class);
        journal.append(List.of(settled("r-" + UUID.randomUUID(), 1, 0, AT)));

        // when
        QuotaSnapshot snapshot = snapshots.load(MONTH);

        // then
        assertThat(snapshot.gaps()).contains(taken);
        assertThat(snapshot.position()).isGreaterThan(taken);
    }
}
