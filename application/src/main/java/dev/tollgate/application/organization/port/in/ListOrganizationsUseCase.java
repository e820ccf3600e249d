package dev.tollgate.application.organization.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.OrganizationView;

/**
 * The admin API's lists of organisations and members, a page at a time, read from the stored read side (ADR 12) after
 * it has caught up with the caller's own changes.
 */
public interface ListOrganizationsUseCase {
    /**
     * The organisations the caller sees — a platform admin every one, anyone else their own — in creation order.
     *
     * @param q        part of the name (case-insensitive); null: any
     * @param status   {@code enabled} or {@code disabled}; null: any
     * @param personal true: personal organisations only, false: shared ones only; null: both
     */
    Page<OrganizationView> list(Caller caller, String q, String status, Boolean personal, int page, int size);

    /**
     * The members of an organisation the caller sees (else 404, before any parameter is checked), by role, then
     * username.
     *
     * @param q    part of the username (case-insensitive); null: any
     * @param role {@code OWNER}, {@code ADMIN} or {@code MEMBER}; null: any
     */
    Page<MemberView> members(String organizationId, Caller caller, String q, String role, int page, int size);
}
