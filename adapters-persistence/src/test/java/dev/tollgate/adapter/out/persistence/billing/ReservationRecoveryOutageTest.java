package dev.tollgate.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.billing.service.ReservationRecovery;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Issue 20, findings 2 and 3: a process that could not write its own heartbeat (the database refused its writes) must
 * not take the other processes, as silent as itself during the outage, for dead once the database is back; they get
 * a fresh silence first. Releasing a live process's reservation would settle its request twice (as abandoned, then
 * for real in that process's memory, which the store drops): the drift seen after the outage.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class ReservationRecoveryOutageTest {
    private static final Duration SILENCE = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final SettlementJournalPersistenceAdapter store;
    private final OpenReservationPersistenceAdapter open;
    private final String role = "outage_" + UUID.randomUUID().toString().replace("-", "");
    private OpenReservationPersistenceAdapter openOfThisNode;

    @Autowired
    ReservationRecoveryOutageTest(
            RequestEventStore requests, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.store = new SettlementJournalPersistenceAdapter(
                requests.store(), jdbc, transactions, new UsageRecordWriter(jdbc));
        this.open = new OpenReservationPersistenceAdapter(jdbc);
    }

    @BeforeEach
    void aNodeWhoseWritesTheDatabaseCanRefuse() {
        jdbc.execute("create role " + role + " login");
        jdbc.execute("grant usage on schema public to " + role);
        jdbc.execute("grant select on open_reservation to " + role);
        databaseAcceptsWrites(true);
        openOfThisNode = new OpenReservationPersistenceAdapter(
                new JdbcTemplate(new DriverManagerDataSource(EmbeddedPostgresSupport.jdbcUrl(), role, "")));
    }

    @AfterEach
    void dropTheRole() {
        jdbc.execute("drop owned by " + role);
        jdbc.execute("drop role " + role);
    }

    @Test
    void
            givenAnOutageLongerThanTheSilence_whenTheDatabaseIsBack_thenALiveNodesReservationIsNotReleasedAndItsOwnSettlementIsStored() {
        // given: another node, alive, holds an open reservation
        String other = UUID.randomUUID().toString();
        String id = "req-" + UUID.randomUUID();
        open.heartbeat(other);
        store.append(List.of(reserved(id, other, 500)));
        try (BillingJournal journal = new BillingJournal(store, Duration.ofMillis(10), 100)) {
            journal.start();
            ReservationRecovery recovery =
                    new ReservationRecovery(openOfThisNode, journal, Instant::now, SILENCE, new QuotaLedger());
            recovery.heartbeat();

            // when: the database refuses writes for longer than the silence; the other node writes no heartbeat either
            databaseAcceptsWrites(false);
            assertThatThrownBy(recovery::heartbeat).isInstanceOf(RuntimeException.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> silentFor(other).compareTo(SILENCE) > 0);
            int duringOutage = recovery.releaseAbandoned();
            databaseAcceptsWrites(true);
            recovery.heartbeat();
            int rightAfter = recovery.releaseAbandoned();

            // then: nothing judged, during the outage nor right after it
            assertThat(duringOutage).isZero();
            assertThat(rightAfter).isZero();
            assertThat(isOpen(id)).isTrue();

            // and when: the other node beats again, as it does every heartbeat interval, and settles its request
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                open.heartbeat(other);
                return recovery.mayJudge();
            });
            recovery.releaseAbandoned();
            boolean openWhenJudged = isOpen(id);
            store.append(List.of(settled(id, 120, 500)));

            // then: its own settlement is the one stored, charged once
            assertThat(openWhenJudged).isTrue();
            assertThat(isOpen(id)).isFalse();
            assertThat(usage(id)).isEqualTo("succeeded:120");
        }
    }

    @Test
    void givenANodeThatDiedDuringTheOutage_whenAFreshSilencePassedAfterIt_thenItsReservationIsReleasedAsAbandoned() {
        // given: another node holds an open reservation and dies during the outage
        String dead = UUID.randomUUID().toString();
        String id = "req-" + UUID.randomUUID();
        open.heartbeat(dead);
        store.append(List.of(reserved(id, dead, 300)));
        try (BillingJournal journal = new BillingJournal(store, Duration.ofMillis(10), 100)) {
            journal.start();
            ReservationRecovery recovery =
                    new ReservationRecovery(openOfThisNode, journal, Instant::now, SILENCE, new QuotaLedger());
            recovery.heartbeat();
            databaseAcceptsWrites(false);
            assertThatThrownBy(recovery::heartbeat).isInstanceOf(RuntimeException.class);
            databaseAcceptsWrites(true);
            recovery.heartbeat();

            // when: this node keeps beating until a fresh silence has passed
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                recovery.heartbeat();
                return recovery.mayJudge();
            });
            int released = recovery.releaseAbandoned();

            // then
            assertThat(released).isPositive();
            assertThat(isOpen(id)).isFalse();
            assertThat(usage(id)).isEqualTo(RequestSettledEvent.ABANDONED + ":0");
        }
    }

    private void databaseAcceptsWrites(boolean accepts) {
        jdbc.execute((accepts ? "grant" : "revoke") + " select, insert, update, delete on billing_node "
                + (accepts ? "to " : "from ") + role);
    }

    private Duration silentFor(String node) {
        Double seconds = jdbc.queryForObject(
                "select extract(epoch from now() - seen_at) from billing_node where node = ?", Double.class, node);
        return Duration.ofMillis(Math.round((seconds == null ? 0 : seconds) * 1000));
    }

    private boolean isOpen(String requestId) {
        Long n = jdbc.queryForObject(
                "select count(*) from open_reservation where request_id = ?", Long.class, requestId);
        return n != null && n > 0;
    }

    private String usage(String requestId) {
        return jdbc.queryForObject(
                "select outcome || ':' || cost from usage_record where request_id = ?", String.class, requestId);
    }

    private static QuotaReservedEvent reserved(String id, String node, long amount) {
        return new QuotaReservedEvent(id, "token-1", "user-1", "gpt-4o-mini", amount, node, Instant.now());
    }

    private static RequestSettledEvent settled(String id, long cost, long reserved) {
        return new RequestSettledEvent(
                id,
                "token-1",
                "user-1",
                "gpt-4o-mini",
                "gpt-4o-mini",
                "channel-1",
                12,
                8,
                cost,
                35,
                200,
                "succeeded",
                false,
                Instant.parse("2026-01-01T00:00:00Z"),
                0,
                0,
                0,
                0,
                1,
                reserved,
                null);
    }
}
