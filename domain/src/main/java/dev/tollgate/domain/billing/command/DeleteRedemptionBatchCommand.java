package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a batch: its remaining codes can no longer be redeemed and it leaves the lists (its redemptions stay). */
public record DeleteRedemptionBatchCommand(
        @TargetAggregateIdentifier String batchId, String actor, Instant at) {
    public DeleteRedemptionBatchCommand {
        Checks.requireText("batchId", batchId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
