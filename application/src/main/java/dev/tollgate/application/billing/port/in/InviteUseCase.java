package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;

/** Invite codes: every user has one; people signing up with it get a bonus and reward the code's owner. */
public interface InviteUseCase {
    /** The caller's own invite code and its figures. */
    InviteView invite(Caller caller);
}
