package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.organization.event.MemberBudgetSetEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Organisation wallets and member monthly budgets in the in-memory ledger. */
class MemberBudgetLedgerTest {
    private static final String ORG = "org-1";
    private static final Instant JAN_31 = Instant.parse("2026-01-31T23:59:00Z");
    private static final Instant FEB_1 = Instant.parse("2026-02-01T00:00:01Z");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static TokenIssuedEvent key(String tokenId, String userId, String org) {
        return new TokenIssuedEvent(
                tokenId,
                userId,
                "k",
                "0".repeat(64),
                "sk-...",
                0,
                true,
                null,
                List.of(),
                "user:" + userId,
                Instant.EPOCH,
                null,
                List.of(),
                null,
                null,
                org);
    }

    private static RequestSettledEvent settled(String requestId, String tokenId, String userId, long cost, Instant at) {
        return new RequestSettledEvent(
                requestId,
                tokenId,
                userId,
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
                at,
                0,
                0,
                0,
                0,
                1,
                0,
                ORG);
    }

    @Test
    void givenAnOrganisationKey_thenTheOrganisationsWalletLimitsItNotTheHoldersWallet() {
        // given
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(key("t", "bob", ORG));
        ledger.on(new WalletCreditedEvent("wallet-bob", 1_000, "top_up", "personal", "user:root", Instant.EPOCH), 0);

        // when / then: bob's own money does not pay for the organisation's key
        assertThat(ledger.available("t")).isZero();
        assertThat(ledger.reserve("t", "r1", 1)).isEmpty();
        ledger.on(new WalletCreditedEvent("wallet-" + ORG, 50, "top_up", "org", "user:root", Instant.EPOCH), 0);
        Reservation r = ledger.reserve("t", "r2", 50).orElseThrow();
        ledger.settle(r, 30);
        assertThat(ledger.walletFigures(ORG).balance()).isEqualTo(20);
        assertThat(ledger.walletFigures("bob").balance()).isEqualTo(1_000);
    }

    @Test
    void givenABudget_whenTheMonthTurns_thenSpendingStartsAgainAtZero() {
        // given
        MovableClock clock = new MovableClock(JAN_31);
        QuotaLedger ledger = new QuotaLedger(null, clock);
        ledger.on(key("t", "bob", ORG));
        ledger.on(new WalletCreditedEvent("wallet-" + ORG, 1_000_000, "top_up", "org", "user:root", Instant.EPOCH), 0);
        ledger.on(new MemberBudgetSetEvent(ORG, "bob", 100L, "user:alice", JAN_31));

        // when: January's budget is spent
        ledger.settle(ledger.reserve("t", "r1", 100).orElseThrow(), 100);

        // then
        assertThat(ledger.available("t")).isZero();
        assertThat(ledger.reserve("t", "r2", 1)).isEmpty();
        clock.now = FEB_1;
        assertThat(ledger.available("t")).isEqualTo(100);
        assertThat(ledger.budgetFigures(ORG, "bob").used()).isZero();
        assertThat(ledger.budgetFigures(ORG, "bob").month()).hasToString("2026-02");
    }

    @Test
    void givenSettlementsOfOtherNodes_thenOnlyThoseOfTheCurrentMonthCountAgainstTheBudget() {
        // given
        MovableClock clock = new MovableClock(FEB_1);
        QuotaLedger ledger = new QuotaLedger(null, clock);
        ledger.on(key("t", "bob", ORG));
        ledger.on(new WalletCreditedEvent("wallet-" + ORG, 1_000_000, "top_up", "org", "user:root", Instant.EPOCH), 0);
        ledger.on(new MemberBudgetSetEvent(ORG, "bob", 100L, "user:alice", JAN_31));

        // when: replayed at start, one settlement of January and one of February
        ledger.applyForeignSettlement(settled("old", "t", "bob", 70, JAN_31));
        ledger.applyForeignSettlement(settled("new", "t", "bob", 30, FEB_1));

        // then
        assertThat(ledger.budgetFigures(ORG, "bob").used()).isEqualTo(30);
        assertThat(ledger.available("t")).isEqualTo(70);
        assertThat(ledger.walletFigures(ORG).used()).isEqualTo(100);
    }

    @Test
    void givenABudgetForTenRequests_when200ThreadsRace_thenExactlyTenAreAdmitted() throws Exception {
        // given
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(key("t", "bob", ORG));
        ledger.on(key("u", "bob", ORG)); // a second key of the same member shares the budget
        ledger.on(new WalletCreditedEvent("wallet-" + ORG, 1_000_000, "top_up", "org", "user:root", Instant.EPOCH), 0);
        ledger.on(new MemberBudgetSetEvent(ORG, "bob", 100L, "user:alice", Instant.now()));
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        // when
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 200; i++) {
                String token = i % 2 == 0 ? "t" : "u";
                String id = "r" + i;
                pool.submit(() -> {
                    start.await();
                    Optional<Reservation> r = ledger.reserve(token, id, 10);
                    if (r.isPresent()) {
                        admitted.incrementAndGet();
                        ledger.settle(r.get(), 10);
                    }
                    return null;
                });
            }
            start.countDown();
        }

        // then
        assertThat(admitted.get()).isEqualTo(10);
        QuotaLedger.BudgetFigures f = ledger.budgetFigures(ORG, "bob");
        assertThat(f.used()).isEqualTo(100);
        assertThat(f.reserved()).isZero();
        assertThat(ledger.walletFigures(ORG).balance()).isEqualTo(1_000_000 - 100);
    }

    @Test
    void givenAMemberWhoLeft_thenTheirBudgetNoLongerApplies() {
        // given
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(key("t", "bob", ORG));
        ledger.on(new WalletCreditedEvent("wallet-" + ORG, 1_000, "top_up", "org", "user:root", Instant.EPOCH), 0);
        ledger.on(new MemberBudgetSetEvent(ORG, "bob", 10L, "user:alice", Instant.now()));
        assertThat(ledger.available("t")).isEqualTo(10);

        // when
        ledger.on(new OrganizationMemberRemovedEvent(ORG, "bob", "user:alice", Instant.now()));

        // then
        assertThat(ledger.available("t")).isEqualTo(1_000);
    }
}
