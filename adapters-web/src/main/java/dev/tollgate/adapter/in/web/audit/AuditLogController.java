package dev.tollgate.adapter.in.web.audit;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.audit.port.in.AuditLogUseCase;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import org.springdoc.core.annotations.ParameterObject;
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
            @ParameterObject AuditLogParams filter,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        return auditLog.find(filter.toFilter(), new PageRequest(page, size), CurrentCaller.of(auth));
    }

    @GetMapping(path = "/api/v1/audit-log", params = "after")
    CursorPage<AuditEntryView> scroll(
            @ParameterObject AuditLogParams filter,
            @RequestParam String after,
            @RequestParam(defaultValue = "50") int size,
            Authentication auth) {
        return auditLog.scroll(
                filter.toFilter(), new CursorRequest(Cursor.decode(after), size), CurrentCaller.of(auth));
    }
}
