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
        ledger.on(new TokenIssuedEvent("t", "bob", "k", "0".repeat(64), "sk-...", 0, true, null, List.of(),
                "user:bob", AT));
        ledger.on(new WalletCreditedEvent("wallet-bob", funds, "top_up", "funds", "user:root", AT), 0);
        return ledger;
    }

    private static QuotaReservedEvent reserved(String requestId, long amount) {
        return new QuotaReservedEvent(requestId, "t", "bob", "m", amount, "other-node", AT);
    }

    private static RequestSettledEvent settled(String requestId, long cost, long reserved) {
        return new RequestSettledEvent(requestId, "t", "bob", "m", "m", "c", 0, cost, cost, 1, 200, "succeeded", false,
                AT, 0, 0, 0, 0, 1, reserved);
    }

    @Test
    void givenAReservationOfAnotherNode_thenItIsHeldHereUntilItsSettlementArrives() {
        // given
        QuotaLedger ledger = ledger(100);

        // when
        ledger.on(reserved("r1", 80));

        // then
        assertThat(ledger.available("t")).isEqualTo(20);
        assertThat(ledger.reserve("t", "r2", 30)).isEmpty();
        assertThat(ledger.walletFigures("bob").reserved()).isEqualTo(80);
        ledger.on(settled("r1", 50, 80));
        assertThat(ledger.available("t")).isEqualTo(50);
        assertThat(ledger.walletFigures("bob").reserved()).isZero();
        assertThat(ledger.foreignHeld()).isZero();
    }

    @Test
    void givenThisNodesOwnReservation_whenItsEventComesBack_thenItIsNotCountedTwice() {
        // given
        QuotaLedger ledger = ledger(100);
        Reservation mine = ledger.reserve("t", "r1", 80).orElseThrow();

        // when
        ledger.on(reserved("r1", 80));

        // then
        assertThat(ledger.available("t")).isEqualTo(20);
        ledger.settle(mine, 50);
        ledger.on(settled("r1", 50, 80));
        assertThat(ledger.available("t")).isEqualTo(50);
        assertThat(ledger.walletFigures("bob").reserved()).isZero();
    }

    @Test
    void givenASettlementThatCameThroughBeforeItsReservation_thenTheLateReservationHoldsNothing() {
        // given
        QuotaLedger ledger = ledger(100);

        // when
        ledger.on(settled("r1", 50, 80));
        ledger.on(reserved("r1", 80));

        // then
        assertThat(ledger.available("t")).isEqualTo(50);
        assertThat(ledger.foreignHeld()).isZero();
    }
}
