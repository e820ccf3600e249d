package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a routing group's price multiplier, in thousandths (1,000 = list price; at most 100,000 = ×100). */
public record SetGroupMultiplierCommand(
        @TargetAggregateIdentifier String policyId, String group, long perMille, String actor, Instant at) {
    public static final long MAX_PER_MILLE = 100_000;

    public SetGroupMultiplierCommand {
        Checks.requireText("policyId", policyId, 64);
        Checks.requireText("group", group, 64);
        if (perMille < 0 || perMille > MAX_PER_MILLE) {
            throw new InvalidValueException("multiplier", "a group multiplier must be between 0 and 100");
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
