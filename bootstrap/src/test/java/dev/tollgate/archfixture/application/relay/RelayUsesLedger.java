package dev.tollgate.archfixture.application.relay;

import dev.tollgate.archfixture.application.billing.port.in.ChargeUseCase;
import dev.tollgate.archfixture.application.billing.service.Ledger;

/** Wrong: the relay reserves on billing's ledger itself instead of going through billing's inbound port. */
public class RelayUsesLedger {
    long admit(ChargeUseCase billing, Ledger ledger) {
        return billing.charge("k", 1) + ledger.reserve("k", 1);
    }
}
