package dev.tollgate.adapter.in.web.audit;

import static dev.tollgate.adapter.in.web.RequestValues.blankToNull;
import static dev.tollgate.adapter.in.web.RequestValues.instant;

import dev.tollgate.application.audit.query.AuditFilter;

/** The audit log's filter query parameters, as sent (blank is absent; {@code from} and {@code to} ISO-8601). */
record AuditLogParams(
        String actor,
        String action,
        String targetType,
        String targetId,
        String from,
        String to,
        String organizationId) {

    AuditFilter toFilter() {
        return new AuditFilter(
                blankToNull(actor),
                null,
                blankToNull(action),
                blankToNull(targetType),
                blankToNull(targetId),
                instant("from", from),
                instant("to", to),
                blankToNull(organizationId));
    }
}
