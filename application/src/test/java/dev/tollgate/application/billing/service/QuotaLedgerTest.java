package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QuotaLedgerTest {

    private static QuotaLedger ledgerWithToken(String tokenId, long quota) {
        QuotaLedger ledger = new QuotaLedger();
        // a key of the root operator: only its own cap limits it (no wallet)
        ledger.on(new TokenIssuedEvent(
                tokenId,
                "root",
                "k",
                "0".repeat(64),
                "sk-...",
                quota,
                false,
                null,
                List.of(),
                "user:root",
                Instant.EPOCH));
        return ledger;
    }

    @Test
    void givenQuotaFor100Reservations_when1000ThreadsRace_thenExactly100SucceedAndNothingIsOverdrawn()
            throws Exception {
        // given
        QuotaLedger ledger = ledgerWithToken("t", 1_000);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        // when
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                pool.submit(() -> {
                    start.await();
                    Optional<Reservation> r = ledger.reserve("t", "req" + n, 10);
                    if (r.isPresent()) {
                        granted.incrementAndGet();
                        ledger.settle(r.get(), 10);
                    }
                    return null;
                });
            }
            start.countDown();
        }

        // then
        assertThat(granted.get()).isEqualTo(100);
        assertThat(ledger.used("t")).isEqualTo(1_000);
        assertThat(ledger.available("t")).isZero();
    }

    @Test
    void givenACostAboveTheReservation_whenSettling_thenTheChargeIsClampedToTheReservation() {
        // given
        QuotaLedger ledger = ledgerWithToken("t", 100);
        Reservation r = ledger.reserve("t", "req", 40).orElseThrow();

        // when
        long charged = ledger.settle(r, 70);

        // then
        assertThat(charged).isEqualTo(40);
        assertThat(ledger.available("t")).isEqualTo(60);
    }

    @Test
    void givenASettlementMadeHere_whenItsEventComesBack_thenItIsNotCountedTwice() {
        // given
        QuotaLedger ledger = ledgerWithToken("t", 100);
        ForeignRequestEvents follower = new ForeignRequestEvents(ledger, "this-node");
        Reservation r = ledger.reserve("t", "req-1", 30).orElseThrow();
        long charged = ledger.settle(r, 25);

        // when
        follower.on(settled("req-1", charged), "this-node");
        follower.on(settled("req-from-another-node", 5), "other-node");

        // then
        assertThat(ledger.used("t")).isEqualTo(30);
    }

    @Test
    void givenAFailureBeforeTheFirstByte_whenSettlingWithZero_thenTheWholeReservationIsReleased() {
        // given
        QuotaLedger ledger = ledgerWithToken("t", 100);
        Reservation r = ledger.reserve("t", "req", 100).orElseThrow();
        assertThat(ledger.reserve("t", "other", 1)).isEmpty();

        // when
        ledger.settle(r, 0);

        // then
        assertThat(ledger.available("t")).isEqualTo(100);
    }

    private static RequestSettledEvent settled(String requestId, long cost) {
        return new RequestSettledEvent(
                requestId, "t", "u1", "m", "m", "c", 1, 1, cost, 5, 200, "succeeded", false, Instant.EPOCH);
    }

    @Test
    void givenAnUnlimitedKeyOfAUserWithABalanceFor100_when1000ThreadsRace_thenTheWalletStopsThemAt100()
            throws Exception {
        // given: the key has no cap of its own; its owner's wallet holds 1,000 units
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(new TokenIssuedEvent(
                "t", "alice", "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:alice", Instant.EPOCH));
        ledger.on(
                new dev.tollgate.domain.billing.event.WalletCreditedEvent(
                        "wallet-alice", 1_000, "top_up", "first top-up", "user:root", Instant.EPOCH),
                0);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        // when
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                pool.submit(() -> {
                    start.await();
                    Optional<Reservation> r = ledger.reserve("t", "req" + n, 10);
                    if (r.isPresent()) {
                        granted.incrementAndGet();
                        ledger.settle(r.get(), 10);
                    }
                    return null;
                });
            }
            start.countDown();
        }

        // then
        assertThat(granted.get()).isEqualTo(100);
        QuotaLedger.WalletFigures wallet = ledger.walletFigures("alice");
        assertThat(wallet.balance()).isZero();
        assertThat(wallet.reserved()).isZero();
        assertThat(wallet.used()).isEqualTo(1_000);
        assertThat(ledger.available("t")).isZero();
    }

    @Test
    void givenAHeldDebit_whenRequestsReserve_thenTheDebitedAmountIsNeverSpentTwice() {
        // given
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(new TokenIssuedEvent(
                "t", "bob", "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:bob", Instant.EPOCH));
        ledger.on(
                new dev.tollgate.domain.billing.event.WalletCreditedEvent(
                        "wallet-bob", 100, "top_up", "x", "user:root", Instant.EPOCH),
                0);

        // when: 70 held for a debit, then a request wants 40
        assertThat(ledger.holdForDebit("bob", "d1", 70)).isTrue();
        Optional<Reservation> tooMuch = ledger.reserve("t", "r1", 40);
        Optional<Reservation> fits = ledger.reserve("t", "r2", 30);
        ledger.completeDebit("bob", "d1", 70);
        ledger.on(
                new dev.tollgate.domain.billing.event.WalletDebitedEvent(
                        "wallet-bob", 70, "d1", "x", "user:root", Instant.EPOCH),
                1);

        // then: the debit is counted once; nothing can go below zero
        assertThat(tooMuch).isEmpty();
        assertThat(fits).isPresent();
        ledger.settle(fits.get(), 30);
        assertThat(ledger.walletFigures("bob").balance()).isZero();
        assertThat(ledger.holdForDebit("bob", "d2", 1)).isFalse();
    }

    @Test
    void givenTheRootOperatorsKey_thenNoWalletLimitsIt() {
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(new TokenIssuedEvent(
                "t", "root", "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:root", Instant.EPOCH));

        assertThat(ledger.available("t")).isEqualTo(Long.MAX_VALUE);
        assertThat(ledger.reserve("t", "r", 0).orElseThrow().unlimited()).isTrue();
    }
}
