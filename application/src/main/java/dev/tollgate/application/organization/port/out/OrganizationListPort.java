package dev.tollgate.application.organization.port.out;

import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;
import java.util.List;

/**
 * The stored lists of organisations (in creation order: time, then id) and of each one's members (by role, then
 * username), projections of the organisations' events; usernames come from the stored list of users.
 */
public interface OrganizationListPort {
    /** The processor that keeps the lists. */
    String PROCESSING_GROUP = "organization-list";
    /** The processors whose projections these lists read. */
    List<String> PROCESSING_GROUPS = List.of(PROCESSING_GROUP, UserAccountsPort.PROCESSING_GROUP);

    /**
     * Which organisations: those of member {@code viewerId} (or every one, {@code everyone}), whose name contains the
     * search text, with the status ({@code enabled}, {@code disabled}) and kind (personal or shared) asked (null: any).
     * Each view's {@code yourRole} is the viewer's role.
     */
    record OrganizationQuery(String viewerId, boolean everyone, TextSearch search, String status, Boolean personal) {}

    /** The members of an organisation whose username contains the search text, with the role asked (null: any). */
    record MemberQuery(String organizationId, TextSearch search, String role) {}

    List<OrganizationView> find(OrganizationQuery query, int offset, int limit);

    long count(OrganizationQuery query);

    List<MemberView> findMembers(MemberQuery query, int offset, int limit);

    long countMembers(MemberQuery query);
}
