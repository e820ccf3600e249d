package dev.tollgate.application.audit.query;

import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;

/**
 * Which audit entries to read; a null field does not filter. {@code to} is exclusive.
 *
 * @param actor       the actor as recorded ({@code user:<id>}, {@code system}, {@code self})
 * @param actorUserId the user who acted (set by the service for callers who may see only their own actions)
 * @param organizationId the organisation the entries belong to (its owner and admins may read them)
 */
public record AuditFilter(
        String actor,
        String actorUserId,
        String action,
        String targetType,
        String targetId,
        Instant from,
        Instant to,
        String organizationId) {
    /** A filter of no organisation. */
    public AuditFilter(
            String actor,
            String actorUserId,
            String action,
            String targetType,
            String targetId,
            Instant from,
            Instant to) {
        this(actor, actorUserId, action, targetType, targetId, from, to, null);
    }

    public AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidValueException("from", "from must be before to");
        }
    }

    public AuditFilter withActorUserId(String userId) {
        return new AuditFilter(actor, userId, action, targetType, targetId, from, to, organizationId);
    }
}
