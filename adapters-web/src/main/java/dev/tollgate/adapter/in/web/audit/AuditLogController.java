package dev.tollgate.adapter.in.web.audit;

import static dev.tollgate.adapter.in.web.RequestValues.blankToNull;
import static dev.tollgate.adapter.in.web.RequestValues.instant;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.audit.port.in.AuditLogUseCase;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit-log}: who did what, when, from which address; filters {@code actor}, {@code action},
 * {@code targetType}, {@code targetId}, {@code from}, {@code to}; newest first, paged with the total. Platform admins
 * see every entry, anyone else only their own actions.
 */
@RestController
public class AuditLogController {
    private final AuditLogUseCase auditLog;

    public AuditLogController(AuditLogUseCase auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/api/v1/audit-log")
    Page<AuditEntryView> find(@RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String organizationId,
            Authentication auth) {
        AuditFilter filter = new AuditFilter(blankToNull(actor), null, blankToNull(action), blankToNull(targetType),
                blankToNull(targetId), instant("from", from), instant("to", to), blankToNull(organizationId));
        return auditLog.find(filter, new PageRequest(page, size), CurrentCaller.of(auth));
    }
}
