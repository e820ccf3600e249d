package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A batch's remaining codes can no longer be redeemed. */
@Revision("1")
public record RedemptionBatchDisabledEvent(String batchId, String actor, Instant at) implements RedemptionBatchEvent {}
