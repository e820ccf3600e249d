package dev.tollgate.application.organization.port.in;

import dev.tollgate.application.common.Caller;
import java.time.Instant;
import java.util.List;

/**
 * Organisations: a signed-in user creates one and owns it; OWNER and ADMINs manage its members; ownership moves only
 * by transfer. Members see their organisations, platform admins every one; anyone else gets "not found" (404), so
 * nobody learns that an organisation they do not belong to exists.
 */
public interface OrganizationUseCase {
    /** An organisation as the caller sees it; {@code yourRole} is null for a platform admin who is no member. */
    record OrganizationView(
            String id, String name, boolean personal, String status, Instant createdAt, String yourRole, int members) {}

    /** A member. */
    record MemberView(String userId, String username, String role) {}

    /** An invitation as the invited user or the organisation's managers see it. */
    record InvitationView(
            String organizationId, String organizationName, String userId, String username, String role) {}

    /** Invites a user (by username) as ADMIN or MEMBER; they join when they accept. */
    InvitationView invite(String id, String username, String role, Caller caller);

    /** The organisation's pending invitations (its owner and admins). */
    List<InvitationView> invitations(String id, Caller caller);

    /** The organisation withdraws an invitation (its owner and admins). */
    void withdrawInvitation(String id, String userId, Caller caller);

    /** The caller's pending invitations. */
    List<InvitationView> myInvitations(Caller caller);

    /** The caller accepts an invitation and becomes a member. */
    MemberView accept(String id, Caller caller);

    /** The caller declines an invitation. */
    void decline(String id, Caller caller);

    OrganizationView create(String name, Caller caller);

    /**
     * Every organisation the caller sees (a platform admin every one), from the in-memory organisations, unpaged: for
     * configuration as code, which compares the whole state. The admin API's list pages through {@link
     * ListOrganizationsUseCase}.
     */
    List<OrganizationView> list(Caller caller);

    OrganizationView get(String id, Caller caller);

    OrganizationView rename(String id, String name, Caller caller);

    OrganizationView setEnabled(String id, boolean enabled, Caller caller);

    /** Adds a user (by username) as ADMIN or MEMBER. */
    MemberView addMember(String id, String username, String role, Caller caller);

    MemberView changeRole(String id, String userId, String role, Caller caller);

    /** Removes a member; a member may also leave (remove themselves), the owner never. */
    void removeMember(String id, String userId, Caller caller);

    OrganizationView transferOwnership(String id, String newOwnerId, Caller caller);

    /**
     * What the organisation is granted and how its keys are limited.
     *
     * @param groups      routing groups its keys may use besides {@code default} (granted by platform admins)
     * @param models      models its keys may call; empty: every model their groups serve
     * @param rpm         requests per minute of all its keys together (null: no limit)
     * @param tpm         tokens per minute of all its keys together (null: no limit)
     * @param keyRpm      requests per minute a key gets when it sets none (null: none)
     * @param keyTpm      tokens per minute a key gets when it sets none (null: none)
     */
    record PolicyView(
            String organizationId,
            List<String> groups,
            List<String> models,
            Long rpm,
            Long tpm,
            Long keyRpm,
            Long keyTpm) {}

    /**
     * A member's monthly budget: {@code monthlyBudget} null means none; {@code used} counts the calendar month (UTC)
     * that began at {@code monthStart}; {@code remaining} is null without a budget.
     */
    record BudgetView(
            String organizationId,
            String userId,
            Long monthlyBudget,
            long used,
            long reserved,
            Long remaining,
            Instant monthStart,
            Instant resetsAt) {}

    /** An invitation e-mailed to someone who may have no account yet; the address is shown masked. */
    record EmailInvitationView(
            String organizationId,
            String organizationName,
            String invitationId,
            String maskedEmail,
            String role,
            Instant expiresAt) {}

    /**
     * E-mails an invitation code (valid 7 days, single use) to an address; the OWNER and ADMINs (only the OWNER invites
     * ADMINs). Needs SMTP (409 {@code email_not_configured} otherwise). Whoever holds the code joins with the role:
     * signed in ({@link #acceptInvitationCode}) or at registration, also when registration is invite-only.
     */
    EmailInvitationView inviteByEmail(String id, String email, String role, Caller caller);

    List<EmailInvitationView> emailInvitations(String id, Caller caller);

    void withdrawEmailInvitation(String id, String invitationId, Caller caller);

    /** Joins the organisation of an e-mailed invitation code (used up); an unknown or used code: not found. */
    MemberView acceptInvitationCode(String code, Caller caller);

    /** Whether the code is an e-mailed invitation waiting and not expired (registration checks it). */
    boolean invitationCodeValid(String code);

    /** A member's own limit in the organisation: all their keys in it together ({@code null}: no limit). */
    record MemberLimitView(String organizationId, String userId, Long rpm, Long tpm) {}

    /** The member themselves, the organisation's owner and admins, platform admins. */
    MemberLimitView memberLimit(String id, String userId, Caller caller);

    /** Sets a member's limit; the organisation's owner and admins, platform admins. */
    MemberLimitView setMemberLimit(String id, String userId, Long rpm, Long tpm, Caller caller);

    /** Members, their admins and platform admins see the policy; anyone else: not found. */
    PolicyView policy(String id, Caller caller);

    /** Grants groups and models and sets the organisation-wide limit; platform admins only. */
    PolicyView grant(String id, List<String> groups, List<String> models, Long rpm, Long tpm, Caller caller);

    /** Sets the per-key defaults; the organisation's owner and admins (and platform admins). */
    PolicyView setKeyDefaults(String id, Long keyRpm, Long keyTpm, Caller caller);

    /** The member's budget: the member themselves, the organisation's owner and admins, platform admins. */
    BudgetView budget(String id, String userId, Caller caller);

    /** Every member's budget figures; the organisation's owner and admins, platform admins. */
    List<BudgetView> budgets(String id, Caller caller);

    /** Sets (null: removes) a member's monthly budget; the organisation's owner and admins, platform admins. */
    BudgetView setBudget(String id, String userId, Long monthlyBudget, Caller caller);
}
