package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;

/**
 * The platform's role order for what a user owns (API keys, personal access tokens): a platform admin's power over
 * other users' things reaches only lower roles ({@link Role#outranks}). The holder acts on their own things, and an
 * organisation's managers keep the rights their organisation gives them; this only bounds the platform-admin power.
 */
public class RoleOrder {
    private final UserDirectory users;

    public RoleOrder(UserDirectory users) {
        this.users = users;
    }

    /** Refuses (403 {@code outranked}) a platform admin acting on {@code ownerId}'s {@code what} above their rank. */
    public void requireMayActOn(String ownerId, Caller caller, String what) {
        if (!caller.admin() || caller.userId().equals(ownerId)) {
            return;
        }
        Role actor = roleOf(caller.userId());
        Role owner = roleOf(ownerId);
        if (!actor.outranks(owner)) {
            throw new DomainException(
                    AccessErrorCode.OUTRANKED,
                    "an " + actor + " may not change the " + what + " of a user with role " + owner
                            + "; only ROOT may");
        }
    }

    private Role roleOf(String userId) {
        if (UserId.ROOT.value().equals(userId)) {
            return Role.ROOT;
        }
        return users.findById(userId).map(UserView::role).orElse(Role.USER);
    }
}
