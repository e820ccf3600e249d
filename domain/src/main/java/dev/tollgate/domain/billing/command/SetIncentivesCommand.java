package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the incentives: units credited at sign-up and at the daily check-in (0 switches one off). */
public record SetIncentivesCommand(@TargetAggregateIdentifier String policyId, long signupBonus, long checkInBonus,
        String actor, Instant at) {
    /** The most one incentive may credit (2,000 USD), a guard against a typo that mints money. */
    public static final long MAX_BONUS = 1_000_000_000L;

    public SetIncentivesCommand {
        Checks.requireText("policyId", policyId, 64);
        if (signupBonus < 0 || signupBonus > MAX_BONUS) {
            throw new InvalidValueException("signupBonus", "signupBonus must be 0 to " + MAX_BONUS + " units");
        }
        if (checkInBonus < 0 || checkInBonus > MAX_BONUS) {
            throw new InvalidValueException("checkInBonus", "checkInBonus must be 0 to " + MAX_BONUS + " units");
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
