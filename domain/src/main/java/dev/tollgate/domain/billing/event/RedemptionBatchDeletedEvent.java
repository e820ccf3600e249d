package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A batch was deleted: its remaining codes can no longer be redeemed; codes already redeemed stay in the ledger. */
@Revision("1")
public record RedemptionBatchDeletedEvent(String batchId, String actor, Instant at) implements RedemptionBatchEvent {}
