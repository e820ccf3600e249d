package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.util.List;

/**
 * Durable storage of settled requests as events. One call appends one batch in one transaction (group commit).
 * Each event is keyed by its request id: appending a request id that is already stored is skipped, never
 * stored twice (exactly-once settlement).
 */
public interface SettlementJournalPort {
    /**
     * Appends the batch. Returns the number of events newly stored (duplicates of already stored request ids are
     * not counted). Throws when the store is unavailable; the caller keeps the batch and retries.
     */
    int append(List<RequestSettledEvent> batch);
}
