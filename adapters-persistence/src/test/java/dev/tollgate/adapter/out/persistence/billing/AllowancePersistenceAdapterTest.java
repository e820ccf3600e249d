package dev.tollgate.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.AllowancePort.GrantRequest;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/** Allowances granted under the pool's row lock: together they never exceed the pool's funds. */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class AllowancePersistenceAdapterTest {
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final PlatformTransactionManager transactions;
    private final AllowancePersistenceAdapter allowances;

    @Autowired
    AllowancePersistenceAdapterTest(
            dev.tollgate.adapter.out.persistence.axon.RequestEventStore requests,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.eventStore = requests.store();
        this.transactions = transactions;
        this.allowances = new AllowancePersistenceAdapter(jdbc, transactions);
    }

    @Test
    void givenFortyNodesAskingForTheSamePoolAtOnce_whenGranted_thenTheCeilingsAddUpToNoMoreThanTheFunds()
            throws Exception {
        // given: a pool of 10,000 units; every node asks for at least 7 again and again until refused
        String pool = newPool();
        int nodes = 40;
        AtomicLong granted = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();

        // when
        try (ExecutorService threads = Executors.newFixedThreadPool(nodes)) {
            for (int n = 0; n < nodes; n++) {
                String node = "node-" + n + "-" + pool;
                done.add(threads.submit(() -> {
                    start.await();
                    while (true) {
                        long g = allowances.grant(node, List.of(new GrantRequest(pool, 10_000, 0, 7, 50)))[0];
                        if (g == 0) {
                            return null;
                        }
                        granted.addAndGet(g);
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }

        // then: everything that could be granted was, and never more than the funds
        long ceilings = ceilings(pool);
        assertThat(ceilings).isEqualTo(granted.get());
        assertThat(ceilings).isLessThanOrEqualTo(10_000).isGreaterThan(10_000 - 7);
        assertThat(jdbc.queryForObject(
                        "select count(*) from billing_node where node like ?", Long.class, "node-%-" + pool))
                .isEqualTo(nodes);
    }

    @Test
    void givenAFreePool_whenANodeAsksForMoreThanHalf_thenItGetsHalfUnlessItNeedsMore() {
        // given
        String pool = newPool();

        // when
        long first = allowances.grant("a", List.of(new GrantRequest(pool, 1_000, 100, 10, 800)))[0];
        long second = allowances.grant("b", List.of(new GrantRequest(pool, 1_000, 0, 400, 400)))[0];
        long third = allowances.grant("c", List.of(new GrantRequest(pool, 1_000, 0, 51, 51)))[0];

        // then: free 900 → 450 to a; free 450 → b needs 400 and gets it; free 50 < 51 → nothing
        assertThat(first).isEqualTo(450);
        assertThat(second).isEqualTo(400);
        assertThat(third).isZero();
        assertThat(base(pool)).isEqualTo(100); // the first call created the pool with its base; later ones kept it
    }

    @Test
    void givenAllowancesOfOtherNodes_whenADebitIsTaken_thenItMustFitInWhatTheyLeave() {
        // given
        String pool = newPool();
        allowances.grant("a", List.of(new GrantRequest(pool, 1_000, 0, 600, 600)));

        // when
        boolean tooMuch = allowances.take(pool, 1_000, 0, 401);
        boolean fits = allowances.take(pool, 1_000, 0, 400);

        // then
        assertThat(tooMuch).isFalse();
        assertThat(fits).isTrue();
        assertThat(base(pool)).isEqualTo(400);
        assertThat(allowances.grant("b", List.of(new GrantRequest(pool, 1_000, 0, 1, 1)))[0])
                .isZero();
        allowances.giveBack("a", pool, 100);
        assertThat(allowances.grant("b", List.of(new GrantRequest(pool, 1_000, 0, 100, 100)))[0])
                .isEqualTo(100);
        allowances.putBack(pool, 400);
        assertThat(base(pool)).isZero();
    }

    @Test
    void givenANodeThatStopped_whenItIsRetired_thenWhatItSpentMovesIntoTheBaseAndTheRestIsFreeAgain() {
        // given: node a holds 600 of a key's 1,000 units and its stored settlements charged 250 of them
        String token = "tok_" + UUID.randomUUID();
        String pool = AllowancePort.keyPool(token);
        String a = "node-a-" + token;
        allowances.grant(a, List.of(new GrantRequest(pool, 1_000, 0, 600, 600)));
        SettlementJournalPersistenceAdapter journalOfA =
                new SettlementJournalPersistenceAdapter(eventStore, jdbc, transactions, new UsageRecordWriter(jdbc), a);
        journalOfA.append(List.of(settled(token, 200), settled(token, 50), settled(token, 0)));
        assertThat(spent(pool, a)).isEqualTo(250);

        // when: a's heartbeat row is gone (its reservations were released and it was forgotten)
        jdbc.update("delete from billing_node where node = ?", a);
        int retired = allowances.retireGoneNodes();

        // then
        assertThat(retired).isGreaterThanOrEqualTo(1);
        assertThat(base(pool)).isEqualTo(250);
        assertThat(ceilings(pool)).isZero();
        assertThat(allowances.grant("node-b-" + token, List.of(new GrantRequest(pool, 1_000, 0, 750, 750)))[0])
                .isEqualTo(750);
    }

    @Test
    void givenALiveNode_whenRetiringGoneNodes_thenItsAllowanceStays() {
        // given
        String pool = newPool();
        allowances.grant("live-" + pool, List.of(new GrantRequest(pool, 1_000, 0, 300, 300)));

        // when
        allowances.retireGoneNodes();

        // then
        assertThat(ceilings(pool)).isEqualTo(300);
    }

    private RequestSettledEvent settled(String token, long cost) {
        return new RequestSettledEvent(
                "req_" + UUID.randomUUID(),
                token,
                "bob",
                "m",
                "m",
                "c",
                0,
                cost,
                cost,
                1,
                200,
                "succeeded",
                false,
                Instant.now(),
                0,
                0,
                0,
                0,
                1,
                cost,
                null);
    }

    private static String newPool() {
        return "wallet:" + UUID.randomUUID();
    }

    private long ceilings(String pool) {
        return jdbc.queryForObject(
                "select coalesce(sum(ceiling), 0) from quota_allowance where pool_id = ?", Long.class, pool);
    }

    private long base(String pool) {
        return jdbc.queryForObject("select base from quota_pool where pool_id = ?", Long.class, pool);
    }

    private long spent(String pool, String node) {
        return jdbc.queryForObject(
                "select spent from quota_allowance where pool_id = ? and node = ?", Long.class, pool, node);
    }
}
