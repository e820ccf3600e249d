package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.billing.AllowancePersistenceAdapter;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.organization.event.MemberBudgetSetEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * G1 across processes, in the worst case: two nodes (two ledgers) that share the database and never see each other's
 * reservations or settlements at all. Each starts from the same events (the key, the credit, the budget) and then
 * admits requests from memory; only their allowances, granted from the database, stand between them and an overdraft.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class G1AcrossNodesTest {
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final long AMOUNT = 10;

    private final JdbcTemplate jdbc;
    private final AllowancePersistenceAdapter allowances;

    @Autowired
    G1AcrossNodesTest(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.allowances = new AllowancePersistenceAdapter(jdbc, transactions);
    }

    @Test
    void g1_aWalletSpentFromTwoNodesThatNeverSeeEachOther_isNeverOverdrawn() throws Exception {
        // given: a wallet of 1,000 units, an unlimited key: 100 requests of 10 at most, on both nodes together
        String user = "u" + UUID.randomUUID();
        Consumer<QuotaLedger> setUp = ledger -> {
            ledger.on(new TokenIssuedEvent(
                    "t-" + user, user, "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:" + user, AT));
            ledger.on(new WalletCreditedEvent("wallet-" + user, 1_000, "top_up", "funds", "user:root", AT), 0);
        };

        // when: 2 × 50 threads reserve and settle at full cost as fast as they can
        long[] admitted = race("t-" + user, setUp);

        // then
        // (how the 100 split between the nodes depends on how their threads are scheduled: on a loaded machine one
        // node's threads may run only after the other's spent the wallet, so the split is not asserted)
        assertThat(admitted[0] + admitted[1]).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(97);
        assertThat(ceilingsAfterReturn("wallet:" + user)).isEqualTo((admitted[0] + admitted[1]) * AMOUNT);
    }

    @Test
    void g1_aKeyCapSpentFromTwoNodesThatNeverSeeEachOther_isNeverExceeded() throws Exception {
        // given: a key capped at 300 units, its owner's wallet far larger
        String user = "u" + UUID.randomUUID();
        Consumer<QuotaLedger> setUp = ledger -> {
            ledger.on(new TokenIssuedEvent(
                    "t-" + user, user, "k", "0".repeat(64), "sk-...", 300, false, null, List.of(), "user:" + user, AT));
            ledger.on(new WalletCreditedEvent("wallet-" + user, 1_000_000, "top_up", "funds", "user:root", AT), 0);
        };

        // when
        long[] admitted = race("t-" + user, setUp);

        // then
        assertThat(admitted[0] + admitted[1]).isLessThanOrEqualTo(30).isGreaterThanOrEqualTo(27);
    }

    @Test
    void g1_aMemberBudgetSpentFromTwoNodesThatNeverSeeEachOther_isNeverExceeded() throws Exception {
        // given: a member's monthly budget of 200 units in a shared organisation with a large wallet
        String user = "u" + UUID.randomUUID();
        String org = "org-" + user;
        Consumer<QuotaLedger> setUp = ledger -> {
            ledger.on(new TokenIssuedEvent(
                    "t-" + user,
                    user,
                    "k",
                    "0".repeat(64),
                    "sk-...",
                    0,
                    true,
                    null,
                    List.of(),
                    "user:" + user,
                    AT,
                    null,
                    List.of(),
                    null,
                    null,
                    org));
            ledger.on(new WalletCreditedEvent("wallet-" + org, 1_000_000, "top_up", "funds", "user:root", AT), 0);
            ledger.on(new MemberBudgetSetEvent(org, user, 200L, "user:root", AT));
        };

        // when
        long[] admitted = race("t-" + user, setUp);

        // then
        assertThat(admitted[0] + admitted[1]).isLessThanOrEqualTo(20).isGreaterThanOrEqualTo(17);
    }

    @Test
    void givenTheSameRaceWithoutAllowances_thenTheNodesOverspend_soTheTestAboveCanFail() throws Exception {
        // given: the same wallet, but the ledgers check only what they know (no allowances)
        String user = "u" + UUID.randomUUID();
        QuotaLedger a = new QuotaLedger();
        QuotaLedger b = new QuotaLedger();
        for (QuotaLedger ledger : List.of(a, b)) {
            ledger.on(new TokenIssuedEvent(
                    "t-" + user, user, "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:" + user, AT));
            ledger.on(new WalletCreditedEvent("wallet-" + user, 1_000, "top_up", "funds", "user:root", AT), 0);
        }

        // when
        long[] admitted = race("t-" + user, a, b);

        // then: each node spends the whole wallet
        assertThat(admitted[0] + admitted[1]).isEqualTo(200);
    }

    @Test
    void givenTheOtherNodeKeepsTheRestUnused_whenThisOneIsShort_thenTheOtherGivesItBackAndTheRequestWaitsForIt()
            throws Exception {
        // given: 100 units; node A reserved 10 and settled it at 2: it keeps what it was granted, unused
        String user = "u" + UUID.randomUUID();
        String run = user.substring(1, 9);
        QuotaLedger a = new QuotaLedger(null, Clock.systemUTC(), allowances, "node-a-" + run, Duration.ZERO);
        QuotaLedger b = new QuotaLedger(null, Clock.systemUTC(), allowances, "node-b-" + run, Duration.ofSeconds(5));
        for (QuotaLedger ledger : List.of(a, b)) {
            ledger.on(new TokenIssuedEvent(
                    "t-" + user, user, "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:" + user, AT));
            ledger.on(new WalletCreditedEvent("wallet-" + user, 100, "top_up", "funds", "user:root", AT), 0);
        }
        a.settle(a.reserve("t-" + user, "r1", 10).orElseThrow(), 2);
        assertThat(a.unusedAllowance()).isEqualTo(48); // half of the 100 free was granted; 2 of it spent
        // B cannot have 80 now: 50 are free and A keeps 48 of its 50 unused, though A used it a moment ago

        // when: B asks for 80 while A looks, as its return job does, whether someone is short
        java.util.concurrent.CompletableFuture<Boolean> onB = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> b.reserve("t-" + user, "r2", 80).isPresent());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(3))
                .until(() -> jdbc.queryForObject(
                        "select wanted_at is not null from quota_pool where pool_id = ?",
                        Boolean.class,
                        "wallet:" + user));
        a.returnAllowances(Duration.ofHours(1)); // not idle: it gives back because B is short

        // then
        assertThat(onB.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(a.unusedAllowance()).isZero();
        assertThat(jdbc.queryForObject(
                        "select sum(ceiling) from quota_allowance where pool_id = ?", Long.class, "wallet:" + user))
                .isLessThanOrEqualTo(100);
    }

    /** The two nodes' ledgers with allowances, each set up from the same events, raced. */
    private long[] race(String token, Consumer<QuotaLedger> setUp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // no waiting for the other node's unused allowance: a refusal ends a thread's run at once
        QuotaLedger a = new QuotaLedger(null, Clock.systemUTC(), allowances, "node-a-" + run, Duration.ZERO);
        QuotaLedger b = new QuotaLedger(null, Clock.systemUTC(), allowances, "node-b-" + run, Duration.ZERO);
        setUp.accept(a);
        setUp.accept(b);
        long[] admitted = race(token, a, b);
        lastRace = List.of(a, b);
        return admitted;
    }

    private List<QuotaLedger> lastRace = List.of();

    /** 50 threads per node reserve {@value #AMOUNT} and settle it in full until refused five times in a row. */
    private static long[] race(String token, QuotaLedger a, QuotaLedger b) throws Exception {
        AtomicLong onA = new AtomicLong();
        AtomicLong onB = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                QuotaLedger ledger = i % 2 == 0 ? a : b;
                AtomicLong count = i % 2 == 0 ? onA : onB;
                done.add(threads.submit(() -> {
                    start.await();
                    int refusals = 0;
                    while (refusals < 5) {
                        var r = ledger.reserve(token, "req_" + UUID.randomUUID(), AMOUNT);
                        if (r.isEmpty()) {
                            refusals++;
                            Thread.onSpinWait();
                            continue;
                        }
                        count.incrementAndGet();
                        ledger.settle(r.get(), AMOUNT);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        return new long[] {onA.get(), onB.get()};
    }

    /** After both nodes give back what they did not use, their ceilings on the pool (which is what they spent). */
    private long ceilingsAfterReturn(String pool) {
        for (QuotaLedger ledger : lastRace) {
            ledger.returnAllowances(Duration.ZERO);
            assertThat(ledger.unusedAllowance()).isZero();
        }
        return jdbc.queryForObject("select sum(ceiling) from quota_allowance where pool_id = ?", Long.class, pool);
    }
}
