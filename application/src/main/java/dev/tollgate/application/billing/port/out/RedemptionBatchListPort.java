package dev.tollgate.application.billing.port.out;

import dev.tollgate.application.billing.port.in.RedemptionBatchView;
import dev.tollgate.application.common.TextSearch;
import java.time.Instant;
import java.util.List;

/**
 * The stored list of redemption batches (newest first: creation time, then id), a projection of the batches' events
 * with a row per code, so that each code counts once as redeemed however often its redemption is replayed. Deleted
 * batches are not listed. Never holds a code in clear: only the hashes the events carry.
 */
public interface RedemptionBatchListPort {
    /** The processor that keeps the list. */
    String PROCESSING_GROUP = "redemption-batch-list";

    /**
     * Which batches: those whose name contains the search text, in the status asked (null: any) as of {@code now} —
     * {@code disabled}; {@code expired} (not disabled, expiry at or before {@code now}); {@code used_up} (neither, and
     * every code redeemed); {@code active} (the rest).
     */
    record BatchQuery(TextSearch search, String status, Instant now) {}

    /** A page of batches, each with its status as of the query's {@code now}. */
    List<RedemptionBatchView> find(BatchQuery query, int offset, int limit);

    long count(BatchQuery query);
}
