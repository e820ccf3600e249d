package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The incentives were set: units credited at sign-up, at the daily check-in, to an invitee at sign-up and to the
 * inviter ({@code inviterRewardOn}: {@code sign_up} or {@code first_top_up} of the invitee), and at most how many
 * invitees reward one inviter ({@code inviterRewardCap}, 0: no limit). Revision 1 events have no invite fields: they
 * read as 0 and null (no invite incentives).
 */
@Revision("2")
public record IncentivesSetEvent(
        String policyId,
        long signupBonus,
        long checkInBonus,
        String actor,
        Instant at,
        long inviteeBonus,
        long inviterReward,
        String inviterRewardOn,
        long inviterRewardCap) {
    /** Incentives without invite rewards. */
    public IncentivesSetEvent(String policyId, long signupBonus, long checkInBonus, String actor, Instant at) {
        this(policyId, signupBonus, checkInBonus, actor, at, 0, 0, null, 0);
    }
}
