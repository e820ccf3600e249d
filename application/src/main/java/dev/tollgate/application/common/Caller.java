package dev.tollgate.application.common;

import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;

/**
 * Who is calling an admin use case: a signed-in user and whether they hold a platform admin role.
 */
public record Caller(String userId, boolean admin) {
    /** How the caller is named in events (the actor of a change). */
    public String actor() {
        return "user:" + userId;
    }

    /**
     * Refuses anyone but a platform admin.
     *
     * @param refusal what the refusal says, e.g. "only platform admins may manage users"
     * @throws DomainException {@code admin_required} (403)
     */
    public void requireAdmin(String refusal) {
        if (!admin) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, refusal);
        }
    }
}
