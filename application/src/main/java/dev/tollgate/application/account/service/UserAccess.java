package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;

/**
 * Who may see and manage which user. A user sees themselves; platform admins see and manage everyone; only the root
 * user manages admins (an admin may still change themselves) and creates them. Anybody else gets "not found" for a
 * user they may not see (no existence leak). The root user itself is protected by the domain.
 */
public final class UserAccess {
    /** What a caller who is no platform admin is told. */
    public static final String ADMINS_ONLY = "only platform admins may manage users";

    private final UserDirectory users;

    public UserAccess(UserDirectory users) {
        this.users = users;
    }

    /**
     * The user, when the caller may see them: themselves, or anyone for a platform admin.
     *
     * @throws NotFoundException {@code user_not_found} (404) otherwise
     */
    public UserView visible(String userId, Caller caller) {
        return users.findById(userId)
                .filter(u -> caller.admin() || u.userId().equals(caller.userId()))
                .orElseThrow(
                        () -> new NotFoundException(AccountErrorCode.USER_NOT_FOUND, "user " + userId + " not found"));
    }

    /**
     * The user, when the caller may change or delete them: a platform admin; another admin only for root.
     *
     * @throws DomainException   {@code admin_required} (403) for a caller who is no admin, or an admin changing
     *                           another admin
     * @throws NotFoundException {@code user_not_found} (404) for an unknown user
     */
    public UserView manageable(String userId, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        UserView target = visible(userId, caller);
        if (target.role() == Role.ADMIN && !target.userId().equals(caller.userId())) {
            requireRoot(caller, "only the root user may change admins");
        }
        return target;
    }

    /**
     * Refuses anyone but the root user.
     *
     * @throws DomainException {@code admin_required} (403)
     */
    public static void requireRoot(Caller caller, String refusal) {
        if (!UserId.ROOT.value().equals(caller.userId())) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, refusal);
        }
    }
}
