package dev.tollgate.application.account.port.out;

import dev.tollgate.domain.account.UserId;

/** The invite codes and rewards of billing's incentives, as registration needs them. */
public interface InviteRewardPort {
    /**
     * The inviter behind a code given at sign-up: an existing, enabled user. An unknown code (or one of a disabled or
     * deleted user) → 400, before anything is created.
     */
    UserId inviterFor(String code);

    /** The invitee registered: their inviter earns the invite reward (once, within the configured cap). */
    void invitedUserRegistered(String inviteeId);
}
