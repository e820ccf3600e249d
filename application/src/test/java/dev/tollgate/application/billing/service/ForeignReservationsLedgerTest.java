package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reservations made on other nodes are held here from their event until their settlement's. */
class ForeignReservationsLedgerTest {
    private static final Instant AT = Instant.parse("2026-02-01T00:00:00Z");

    private static QuotaLedger ledger(long funds) {
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(new TokenIssuedEvent(
                "t", "bob", "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:bob", AT));
        ledger.on(new WalletCreditedEvent("wallet-bob", funds, "top_up", "funds", "user:root", AT), 0);
        return ledger;
    }

    private static QuotaReservedEvent reserved(String requestId, long amount) {
        return new QuotaReservedEvent(requestId, "t", "bob", "m", amount, "other-node", AT);
    }

    private static RequestSettledEvent settled(String requestId, long cost, long reserved) {
        return new RequestSettledEvent(
                requestId,
                "t",
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
                AT,
                0,
                0,
                0,
                0,
                1,
                reserved,
                null);
    }

    @Test
    void givenAReservationOfAnotherNode_thenItIsHeldHereUntilItsSettlementArrives() {
        // given
        QuotaLedger ledger = ledger(100);

        // when
        ledger.holdForeign(reserved("r1", 80));

        // then
        assertThat(ledger.available("t")).isEqualTo(20);
        assertThat(ledger.reserve("t", "r2", 30)).isEmpty();
        assertThat(ledger.walletFigures("bob").reserved()).isEqualTo(80);
        ledger.applyForeignSettlement(settled("r1", 50, 80));
        assertThat(ledger.available("t")).isEqualTo(50);
        assertThat(ledger.walletFigures("bob").reserved()).isZero();
        assertThat(ledger.foreignHeld()).isZero();
    }

    @Test
    void givenThisNodesOwnEvents_whenFollowed_thenTheyAreNotCountedTwice() {
        // given
        QuotaLedger ledger = ledger(100);
        ForeignRequestEvents follower = new ForeignRequestEvents(ledger, "this-node");
        Reservation mine = ledger.reserve("t", "r1", 80).orElseThrow();

        // when
        follower.on(reserved("r1", 80), "this-node");

        // then
        assertThat(ledger.available("t")).isEqualTo(20);
        ledger.settle(mine, 50);
        follower.on(settled("r1", 50, 80), "this-node");
        assertThat(ledger.available("t")).isEqualTo(50);
        assertThat(ledger.walletFigures("bob").reserved()).isZero();
        assertThat(ledger.foreignHeld()).isZero();
    }

    @Test
    void givenAnotherNodesEvents_whenFollowed_thenTheyAreHeldAndSettled() {
        // given
        QuotaLedger ledger = ledger(100);
        ForeignRequestEvents follower = new ForeignRequestEvents(ledger, "this-node");

        // when
        follower.on(reserved("r1", 80), "other-node");
        follower.on(reserved("r1", 80), "other-node"); // delivered twice: held once

        // then
        assertThat(ledger.available("t")).isEqualTo(20);
        follower.on(settled("r1", 50, 80), "other-node");
        assertThat(ledger.available("t")).isEqualTo(50);
        assertThat(ledger.used("t")).isEqualTo(50);
        assertThat(ledger.foreignHeld()).isZero();
    }

    @Test
    void givenAHoldReleasedByRecovery_whenTheAbandonedSettlementArrives_thenNothingIsReleasedTwice() {
        // given: another node's reservation, abandoned; this node released it as it recorded the settlement
        QuotaLedger ledger = ledger(100);
        ledger.holdForeign(reserved("r1", 80));
        Reservation mine = ledger.reserve("t", "r2", 10).orElseThrow();
        ledger.releaseForeign("r1");

        // when: a third node's copy of the same abandoned settlement comes through
        ledger.applyForeignSettlement(settled("r1", 0, 80));

        // then
        assertThat(ledger.available("t")).isEqualTo(90);
        assertThat(ledger.walletFigures("bob").reserved()).isEqualTo(mine.amount());
        assertThat(ledger.foreignHeld()).isZero();
    }

    @Test
    void givenASnapshot_whenRestored_thenSpendingAndOpenReservationsAreCounted() {
        // given
        QuotaLedger ledger = ledger(100);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        var snapshot = new dev.tollgate.application.billing.port.out.QuotaSnapshotPort.QuotaSnapshot(
                java.util.Map.of(
                        "key:t",
                        30L,
                        "wallet:bob",
                        30L,
                        "budget:personal-bob/bob:" + month,
                        30L,
                        "budget:personal-bob/bob:2000-01",
                        999L),
                List.of(reserved("r1", 20)),
                41,
                java.util.Set.of());

        // when
        ledger.restore(snapshot);

        // then
        assertThat(ledger.used("t")).isEqualTo(30);
        assertThat(ledger.walletFigures("bob").balance()).isEqualTo(70);
        assertThat(ledger.budgetFigures("personal-bob", "bob").used()).isEqualTo(30);
        assertThat(ledger.available("t")).isEqualTo(50);
        assertThat(ledger.foreignHeld()).isEqualTo(20);
    }
}
