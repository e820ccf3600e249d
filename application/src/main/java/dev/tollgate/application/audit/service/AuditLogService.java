package dev.tollgate.application.audit.service;

import dev.tollgate.application.audit.port.in.AuditLogUseCase;
import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;

/**
 * The audit log, scoped to what the caller may see: platform admins everything; an organisation's owner and admins
 * that organisation's entries (asking with its id); anyone else only their own actions.
 */
public class AuditLogService implements AuditLogUseCase {
    private final AuditLogPort log;
    private final OrganizationAccess organizations;

    public AuditLogService(AuditLogPort log, OrganizationDirectory organizations) {
        this.log = log;
        this.organizations = new OrganizationAccess(organizations);
    }

    @Override
    public Page<AuditEntryView> find(AuditFilter filter, PageRequest page, Caller caller) {
        AuditFilter scoped = scoped(filter, caller);
        return new Page<>(log.find(scoped, page.offset(), page.size()), page.page(), page.size(), log.count(scoped));
    }

    @Override
    public CursorPage<AuditEntryView> scroll(AuditFilter filter, CursorRequest page, Caller caller) {
        AuditFilter scoped = scoped(filter, caller);
        return CursorPage.of(log.findAfter(scoped, page.after(), page.fetch()), page, AuditLogPort::positionOf);
    }

    private AuditFilter scoped(AuditFilter filter, Caller caller) {
        AuditFilter scoped;
        if (caller.admin()) {
            scoped = filter;
        } else if (filter.organizationId() != null) {
            organizations.managed(
                    filter.organizationId(), caller, "only the organisation's owner and admins read its audit log");
            scoped = filter;
        } else {
            // anyone else sees only their own actions, whatever they asked for
            scoped = filter.withActorUserId(caller.userId());
        }
        return scoped;
    }
}
