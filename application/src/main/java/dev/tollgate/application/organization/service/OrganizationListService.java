package dev.tollgate.application.organization.service;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import dev.tollgate.application.organization.port.in.ListOrganizationsUseCase;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import dev.tollgate.application.organization.port.out.OrganizationListPort;
import dev.tollgate.application.organization.port.out.OrganizationListPort.MemberQuery;
import dev.tollgate.application.organization.port.out.OrganizationListPort.OrganizationQuery;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.MemberRole;

/**
 * Lists organisations and members from their stored projections ({@link OrganizationListPort}). Who may see an
 * organisation's members is decided first, from the in-memory organisations ({@link OrganizationAccess}); then the
 * parameters are checked; then the read side is given the time to apply the caller's own last changes.
 */
public class OrganizationListService implements ListOrganizationsUseCase {
    private final OrganizationListPort lists;
    private final OrganizationAccess access;
    private final ReadSideCatchUpPort catchUp;

    public OrganizationListService(
            OrganizationListPort lists, OrganizationDirectory organizations, ReadSideCatchUpPort catchUp) {
        this.lists = lists;
        this.access = new OrganizationAccess(organizations);
        this.catchUp = catchUp;
    }

    @Override
    public Page<OrganizationView> list(Caller caller, String q, String status, Boolean personal, int page, int size) {
        PageRequest request = new PageRequest(page, size);
        OrganizationQuery query =
                new OrganizationQuery(caller.userId(), caller.admin(), new TextSearch(q), status(status), personal);
        catchUp.awaitCurrent(OrganizationListPort.PROCESSING_GROUPS);
        // the total first: a row stored between the two reads is then on the page too, never only in the total
        long total = lists.count(query);
        return new Page<>(lists.find(query, request.offset(), request.size()), request.page(), request.size(), total);
    }

    @Override
    public Page<MemberView> members(String organizationId, Caller caller, String q, String role, int page, int size) {
        String id = access.visible(organizationId, caller).id();
        PageRequest request = new PageRequest(page, size);
        MemberQuery query = new MemberQuery(
                id, new TextSearch(q), role == null ? null : MemberRole.of(role).name());
        catchUp.awaitCurrent(OrganizationListPort.PROCESSING_GROUPS);
        long total = lists.countMembers(query);
        return new Page<>(
                lists.findMembers(query, request.offset(), request.size()), request.page(), request.size(), total);
    }

    private static String status(String status) {
        if (status == null || "enabled".equals(status) || "disabled".equals(status)) {
            return status;
        }
        throw new InvalidValueException("status", "status must be 'enabled' or 'disabled'");
    }
}
