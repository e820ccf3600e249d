package dev.tollgate.application.organization.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;

/**
 * Who may see and change which organisation. Platform admins: every one. Its members see it; anybody else gets "not
 * found", the same answer as for an organisation that does not exist (no existence leak). Its OWNER and ADMINs manage
 * it (name, members, budgets, invitations, private channels, audit log); some changes take the OWNER (status, roles,
 * admins, the ownership). What concerns one member is read by that member or a manager.
 */
public final class OrganizationAccess {
    private static final String MANAGERS_ONLY = "only the organisation's owner and admins may do this";
    private final OrganizationDirectory organizations;

    public OrganizationAccess(OrganizationDirectory organizations) {
        this.organizations = organizations;
    }

    /**
     * The organisation, when the caller may see it: a platform admin or a member.
     *
     * @throws NotFoundException {@code organization_not_found} (404) for anybody else or an unknown organisation
     */
    public OrganizationRecord visible(String organizationId, Caller caller) {
        return organizations
                .find(organizationId)
                .filter(o -> caller.admin() || o.members().containsKey(caller.userId()))
                .orElseThrow(() -> new NotFoundException(
                        OrganizationErrorCode.ORGANIZATION_NOT_FOUND, "no organisation " + organizationId));
    }

    /**
     * The organisation, when the caller may manage it: a platform admin, its OWNER or an ADMIN.
     *
     * @param refusal what a MEMBER is told
     * @throws NotFoundException {@code organization_not_found} (404) for a non-member or an unknown organisation
     * @throws DomainException   {@code organization_role_required} (403) for a MEMBER
     */
    public OrganizationRecord managed(String organizationId, Caller caller, String refusal) {
        OrganizationRecord org = visible(organizationId, caller);
        requireManager(org, caller, refusal);
        return org;
    }

    /** {@link #managed(String, Caller, String)} with the general refusal. */
    public OrganizationRecord managed(String organizationId, Caller caller) {
        return managed(organizationId, caller, MANAGERS_ONLY);
    }

    /**
     * The organisation, when the caller may read what concerns one of its members: that member, or a manager.
     *
     * @throws DomainException {@code organization_role_required} (403) for another MEMBER
     */
    public OrganizationRecord memberReadable(String organizationId, String userId, Caller caller) {
        OrganizationRecord org = visible(organizationId, caller);
        if (!userId.equals(caller.userId())) {
            requireManager(org, caller, MANAGERS_ONLY);
        }
        return org;
    }

    /**
     * The caller's pending invitation to the organisation.
     *
     * @throws DomainException {@code organization_not_found} (404): an organisation that did not invite them does
     *                         not exist for them
     */
    public MemberRole invitation(String organizationId, Caller caller) {
        return organizations
                .invitation(organizationId, caller.userId())
                .orElseThrow(() -> new NotFoundException(
                        OrganizationErrorCode.ORGANIZATION_NOT_FOUND,
                        "no invitation to organisation " + organizationId));
    }

    /** Whether the caller may manage the organisation with this id (false when it does not exist). */
    public boolean manages(String organizationId, Caller caller) {
        return caller.admin()
                || organizations
                        .find(organizationId)
                        .filter(o -> manages(o, caller.userId()))
                        .isPresent();
    }

    /** Whether the user is the organisation's OWNER or an ADMIN (platform roles aside). */
    public static boolean manages(OrganizationRecord org, String userId) {
        return org.roleOf(userId).map(MemberRole::manages).orElse(false);
    }

    /**
     * Refuses anyone but a platform admin, the OWNER or an ADMIN.
     *
     * @throws DomainException {@code organization_role_required} (403)
     */
    public static void requireManager(OrganizationRecord org, Caller caller) {
        requireManager(org, caller, MANAGERS_ONLY);
    }

    private static void requireManager(OrganizationRecord org, Caller caller, String refusal) {
        if (!caller.admin() && !manages(org, caller.userId())) {
            throw new DomainException(OrganizationErrorCode.NOT_ALLOWED, refusal);
        }
    }

    /**
     * Refuses anyone but a platform admin or the OWNER.
     *
     * @throws DomainException {@code organization_role_required} (403)
     */
    public static void requireOwner(OrganizationRecord org, Caller caller, String refusal) {
        if (!caller.admin() && org.roleOf(caller.userId()).orElse(null) != MemberRole.OWNER) {
            throw new DomainException(OrganizationErrorCode.NOT_ALLOWED, refusal);
        }
    }
    /**
     * The role a manager gives a user (MEMBER when none is asked), after checking that the caller manages the
     * organisation, and that only its OWNER gives ADMIN ({@code adminRefusal}).
     *
     * @throws DomainException {@code organization_role_required} (403)
     * @throws InvalidValueException on {@code role} when it is no role
     */
    public static MemberRole requireGrantable(OrganizationRecord org, Caller caller, String role, String adminRefusal) {
        requireManager(org, caller);
        MemberRole wanted = role == null ? MemberRole.MEMBER : MemberRole.of(role);
        if (wanted == MemberRole.ADMIN) {
            requireOwner(org, caller, adminRefusal);
        }
        return wanted;
    }

    /**
     * The member's role.
     *
     * @throws DomainException {@code member_not_found} (404) when the user is no member
     */
    public static MemberRole requireMember(OrganizationRecord org, String userId) {
        return org.roleOf(userId)
                .orElseThrow(() -> new DomainException(
                        OrganizationErrorCode.MEMBER_NOT_FOUND,
                        "user " + userId + " is not a member of this organisation"));
    }
}
