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
    record Drift(String kind, String id, long inMemory, long stored) {}

    /**
     * The result of one reconciliation.
     *
     * @param openReservations reservations recorded and not settled yet, on every process (requests in flight, and
     *                         those of a stopped process until they are released)
     */
    record Report(Instant at, int walletsChecked, int keysChecked, List<Drift> drifts, long openReservations) {
        public boolean clean() {
            return drifts.isEmpty();
        }
    }

    Report reconcile(Caller caller);
}
