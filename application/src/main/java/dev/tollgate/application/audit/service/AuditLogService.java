package dev.tollgate.application.audit.service;

import dev.tollgate.application.audit.port.in.AuditLogUseCase;
import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;

/** The audit log, scoped to what the caller may see. */
public class AuditLogService implements AuditLogUseCase {
    private final AuditLogPort log;

    public AuditLogService(AuditLogPort log) {
        this.log = log;
    }

    @Override
    public Page<AuditEntryView> find(AuditFilter filter, PageRequest page, Caller caller) {
        // anyone but a platform admin sees only their own actions, whatever they asked for
        AuditFilter scoped = caller.admin() ? filter : filter.withActorUserId(caller.userId());
        return new Page<>(log.find(scoped, page.page() * page.size(), page.size()), page.page(), page.size(),
                log.count(scoped));
    }
}
