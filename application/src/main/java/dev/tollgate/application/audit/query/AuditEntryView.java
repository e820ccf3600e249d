package dev.tollgate.application.audit.query;

import java.time.Instant;

/**
 * One entry of the audit log: who ({@code actor}: {@code user:<id>}, {@code self}, {@code system}) did what
 * ({@code action}, e.g. {@code user.role_changed}) to which {@code targetType}/{@code targetId}, when, from which
 * client address, in which request. {@code details} is a short summary without any secret. {@code organizationId}
 * is null until organisations exist.
 */
public record AuditEntryView(
        String eventId,
        Instant at,
        String actor,
        String actorUserId,
        String organizationId,
        String action,
        String targetType,
        String targetId,
        String details,
        String clientAddress,
        String requestId) {}
