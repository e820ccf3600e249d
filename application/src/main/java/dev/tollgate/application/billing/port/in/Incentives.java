package dev.tollgate.application.billing.port.in;

/**
 * Units credited at self-registration ({@code signupBonus}), at the daily check-in, to a user signing up with an
 * invite code ({@code inviteeBonus}) and to the code's owner ({@code inviterReward}, at the invitee's
 * {@code sign_up} or {@code first_top_up}: {@code inviterRewardOn}) for at most {@code inviterRewardCap} invitees
 * (0: no limit). 0 switches a bonus off.
 */
public record Incentives(
        long signupBonus,
        long checkInBonus,
        long inviteeBonus,
        long inviterReward,
        String inviterRewardOn,
        long inviterRewardCap) {}
