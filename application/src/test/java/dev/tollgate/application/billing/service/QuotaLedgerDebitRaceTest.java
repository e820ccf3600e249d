package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An admin debit is held, recorded by a command, then completed by {@code WalletService}; its event also reaches the
 * ledger through the views' event processor. The processor may apply the event before the service thread completes
 * the debit: the command returns once the event is stored, and the tracking processor can be faster than the
 * caller. It was then counted twice (found by {@code G1NoOverdraftTest} under load: a wallet at −8 in memory, +8 in
 * the stored ledger); now whichever comes second counts nothing.
 */
class QuotaLedgerDebitRaceTest {

    @Test
    void givenADebitWhoseEventArrivesBeforeItIsCompleted_thenItIsCountedOnce() {
        // given: 100 units, 30 held for a debit being recorded
        QuotaLedger ledger = new QuotaLedger();
        ledger.on(new WalletCreditedEvent(Wallet.idOf("ann"), 100, "top_up", "start", "user:root", Instant.EPOCH), 0);
        assertThat(ledger.holdForDebit("ann", "debit-1", 30)).isTrue();

        // when: the stored event is applied by the processor first, then the service completes the debit
        ledger.on(new WalletDebitedEvent(Wallet.idOf("ann"), 30, "debit-1", "refund", "user:root", Instant.EPOCH), 1);
        ledger.completeDebit("ann", "debit-1", 30);

        // then
        QuotaLedger.WalletFigures figures = ledger.walletFigures("ann");
        assertThat(figures.debited()).isEqualTo(30);
        assertThat(figures.balance()).isEqualTo(70);
        assertThat(figures.reserved()).isZero();
    }
}
