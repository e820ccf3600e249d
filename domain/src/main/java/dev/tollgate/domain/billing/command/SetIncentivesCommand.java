package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set the incentives: units credited at sign-up, at the daily check-in, to an invitee at sign-up and to their inviter
 * (0 switches one off); when the inviter is rewarded ({@code sign_up} or {@code first_top_up} of the invitee) and for
 * at most how many invitees ({@code inviterRewardCap}, 0: no limit).
 */
public record SetIncentivesCommand(
        @TargetAggregateIdentifier String policyId,
        long signupBonus,
        long checkInBonus,
        long inviteeBonus,
        long inviterReward,
        String inviterRewardOn,
        long inviterRewardCap,
        String actor,
        Instant at) {
    /** The most one incentive may credit (2,000 USD), a guard against a typo that mints money. */
    public static final long MAX_BONUS = 1_000_000_000L;
    /** The most invitees a cap may allow. */
    public static final long MAX_CAP = 1_000_000L;

    public static final String ON_SIGN_UP = "sign_up";
    public static final String ON_FIRST_TOP_UP = "first_top_up";

    public SetIncentivesCommand {
        Checks.requireText("policyId", policyId, 64);
        requireBonus("signupBonus", signupBonus);
        requireBonus("checkInBonus", checkInBonus);
        requireBonus("inviteeBonus", inviteeBonus);
        requireBonus("inviterReward", inviterReward);
        if (!ON_SIGN_UP.equals(inviterRewardOn) && !ON_FIRST_TOP_UP.equals(inviterRewardOn)) {
            throw new InvalidValueException("inviterRewardOn", "inviterRewardOn must be 'sign_up' or 'first_top_up'");
        }
        if (inviterRewardCap < 0 || inviterRewardCap > MAX_CAP) {
            throw new InvalidValueException(
                    "inviterRewardCap", "inviterRewardCap must be 0 (no limit) to " + MAX_CAP + " invitees");
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }

    /** Sign-up and check-in bonuses only: no invite incentives. */
    public SetIncentivesCommand(String policyId, long signupBonus, long checkInBonus, String actor, Instant at) {
        this(policyId, signupBonus, checkInBonus, 0, 0, ON_SIGN_UP, 0, actor, at);
    }

    private static void requireBonus(String field, long units) {
        if (units < 0 || units > MAX_BONUS) {
            throw new InvalidValueException(field, field + " must be 0 to " + MAX_BONUS + " units");
        }
    }
}
