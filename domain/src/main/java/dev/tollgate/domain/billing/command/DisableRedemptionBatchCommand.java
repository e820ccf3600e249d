package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop a batch's codes from being redeemed (codes already redeemed stay redeemed). */
public record DisableRedemptionBatchCommand(
        @TargetAggregateIdentifier String batchId, String actor, Instant at) {
    public DisableRedemptionBatchCommand {
        Checks.requireText("batchId", batchId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
