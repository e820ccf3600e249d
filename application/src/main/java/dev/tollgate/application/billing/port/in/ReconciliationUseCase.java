package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import java.time.Instant;
import java.util.List;

/**
 * Reconciliation: the balances the relay works with (in memory, built from the events) against the balances the
 * stored ledger adds up to. Expected: no drift. Platform admins only.
 */
public interface ReconciliationUseCase {
    /** One disagreement: a wallet's balance or a key's spending, as kept in memory and as stored. */
    record Drift(String kind, String id, long inMemory, long stored) {
    }

    /** The result of one reconciliation. */
    record Report(Instant at, int walletsChecked, int keysChecked, List<Drift> drifts) {
        public boolean clean() {
            return drifts.isEmpty();
        }
    }

    Report reconcile(Caller caller);
}
