package dev.tollgate.adapter.in.web.audit;

import static dev.tollgate.adapter.in.web.RequestValues.blankToNull;
import static dev.tollgate.adapter.in.web.RequestValues.instant;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.audit.port.in.AuditLogUseCase;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit-log}: who did what, when, from which address; filters {@code actor}, {@code action},
 * {@code targetType}, {@code targetId}, {@code from}, {@code to}; newest first, paged with the total. Platform admins
 * see every entry, anyone else only their own actions. With {@code after} (empty for the first page, then each
 * answer's {@code next}) the same entries come by keyset, as deep as the log goes, without a total.
 */
@RestController
public class AuditLogController {
    private final AuditLogUseCase auditLog;

    public AuditLogController(AuditLogUseCase auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping(path = "/api/v1/audit-log", params = "!after")
    Page<AuditEntryView> find(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String organizationId,
            Authentication auth) {
        return auditLog.find(
                filter(actor, action, targetType, targetId, from, to, organizationId),
                new PageRequest(page, size),
                CurrentCaller.of(auth));
    }

    @GetMapping(path = "/api/v1/audit-log", params = "after")
    CursorPage<AuditEntryView> scroll(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam String after,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String organizationId,
            Authentication auth) {
        return auditLog.scroll(
                filter(actor, action, targetType, targetId, from, to, organizationId),
                new CursorRequest(Cursor.decode(after), size),
                CurrentCaller.of(auth));
    }

    private static AuditFilter filter(
            String actor,
            String action,
            String targetType,
            String targetId,
            String from,
            String to,
            String organizationId) {
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
