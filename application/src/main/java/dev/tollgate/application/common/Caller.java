package dev.tollgate.application.common;

import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;

/**
 * Who is calling an admin use case: a signed-in user and whether they hold a platform admin role, and how the changes
 * they make are named in events ({@code actor}: {@code user:<id>} for a person; a process acting with a user's rights,
 * such as an import, names itself).
 */
public record Caller(String userId, boolean admin, String actor) {
    public Caller {
        if (actor == null || actor.isBlank()) {
            actor = "user:" + userId;
        }
    }

    /** A signed-in user, named {@code user:<id>} in events. */
    public Caller(String userId, boolean admin) {
        this(userId, admin, null);
    }

    /** {@code process} acting with this caller's rights, named {@code process} in events. */
    public Caller actingAs(String process) {
        return new Caller(userId, admin, process);
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
