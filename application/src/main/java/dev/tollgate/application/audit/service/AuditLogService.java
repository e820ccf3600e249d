package dev.tollgate.application.audit.service;

import dev.tollgate.application.audit.port.in.AuditLogUseCase;
import dev.tollgate.application.audit.port.out.AuditLogPort;
import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.organization.query.OrganizationDirectory;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;

/**
 * The audit log, scoped to what the caller may see: platform admins everything; an organisation's owner and admins
 * that organisation's entries (asking with its id); anyone else only their own actions.
 */
public class AuditLogService implements AuditLogUseCase {
    private final AuditLogPort log;
    private final OrganizationDirectory organizations;

    public AuditLogService(AuditLogPort log, OrganizationDirectory organizations) {
        this.log = log;
        this.organizations = organizations;
    }

    @Override
    public Page<AuditEntryView> find(AuditFilter filter, PageRequest page, Caller caller) {
        AuditFilter scoped;
        if (caller.admin()) {
            scoped = filter;
        } else if (filter.organizationId() != null) {
            OrganizationDirectory.OrganizationRecord org = organizations.find(filter.organizationId())
                    .filter(o -> o.members().containsKey(caller.userId()))
                    .orElseThrow(() -> new DomainException(OrganizationErrorCode.ORGANIZATION_NOT_FOUND,
                            "no organisation " + filter.organizationId()));
            if (!org.roleOf(caller.userId()).map(MemberRole::manages).orElse(false)) {
                throw new DomainException(OrganizationErrorCode.NOT_ALLOWED,
                        "only the organisation's owner and admins read its audit log");
            }
            scoped = filter;
        } else {
            // anyone else sees only their own actions, whatever they asked for
            scoped = filter.withActorUserId(caller.userId());
        }
        return new Page<>(log.find(scoped, page.offset(), page.size()), page.page(), page.size(),
                log.count(scoped));
    }
}
