package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.event.RequestEvent;
import java.util.List;

/**
 * Durable storage of relayed requests' billing events (reservations and settlements). One call appends one batch in
 * one transaction (group commit). Each event is keyed by its request id and its sequence in the request's stream:
 * appending an event that is already stored is skipped, never stored twice (exactly-once settlement). The store also
 * keeps which reservations are still open (recorded, not settled yet), in the same transaction.
 */
public interface SettlementJournalPort {
    /**
     * Appends the batch. Returns the number of events newly stored (events already stored are not counted). Throws
     * when the store is unavailable; the caller keeps the batch and retries.
     */
    int append(List<? extends RequestEvent> batch);
}
