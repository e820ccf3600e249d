package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.domain.organization.event.MemberBudgetSetEvent;
import dev.tollgate.domain.organization.event.MemberRateLimitSetEvent;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationSentEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationWithdrawnEvent;
import dev.tollgate.domain.organization.event.OrganizationInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationInvitationWithdrawnEvent;
import dev.tollgate.domain.organization.event.OrganizationKeyDefaultsSetEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberAddedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberInvitedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRoleChangedEvent;
import dev.tollgate.domain.organization.event.OrganizationOwnershipTransferredEvent;
import dev.tollgate.domain.organization.event.OrganizationPolicySetEvent;
import dev.tollgate.domain.organization.event.OrganizationRenamedEvent;
import dev.tollgate.domain.organization.event.OrganizationStatusChangedEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/** The audit log's entries for organisations: creation, names, status, members, invitations, policies, budgets and limits (processor {@value AuditLogProjection#PROCESSING_GROUP}). */
public class OrganizationAuditProjection {
    private final AuditEntryWriter audit;

    public OrganizationAuditProjection(AuditEntryWriter audit) {
        this.audit = audit;
    }

    @EventHandler
    void on(OrganizationCreatedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.created",
                "organization",
                e.organizationId(),
                "name=" + e.name() + " owner=" + e.ownerId() + (e.personal() ? " personal" : ""));
    }

    @EventHandler
    void on(OrganizationRenamedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.renamed",
                "organization",
                e.organizationId(),
                "name=" + e.name());
    }

    @EventHandler
    void on(OrganizationStatusChangedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.status_changed",
                "organization",
                e.organizationId(),
                e.enabled() ? "status=enabled" : "status=disabled");
    }

    @EventHandler
    void on(OrganizationMemberAddedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_added",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationMemberRoleChangedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_role_changed",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationMemberRemovedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_removed",
                "user",
                e.userId(),
                null);
    }

    @EventHandler
    void on(OrganizationMemberInvitedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_invited",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationInvitationAcceptedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.invitation_accepted",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationInvitationWithdrawnEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                e.declined() ? "organization.invitation_declined" : "organization.invitation_withdrawn",
                "user",
                e.userId(),
                null);
    }

    @EventHandler
    void on(OrganizationOwnershipTransferredEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.ownership_transferred",
                "organization",
                e.organizationId(),
                "from=" + e.previousOwnerId() + " to=" + e.newOwnerId());
    }

    @EventHandler
    void on(OrganizationPolicySetEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.policy_set",
                "organization",
                e.organizationId(),
                "groups=" + e.groups() + " models=" + e.models() + " rpm=" + e.rpm() + " tpm=" + e.tpm());
    }

    @EventHandler
    void on(OrganizationKeyDefaultsSetEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.key_defaults_set",
                "organization",
                e.organizationId(),
                "rpm=" + e.rpm() + " tpm=" + e.tpm());
    }

    @EventHandler
    void on(OrganizationEmailInvitationSentEvent e, EventMessage<?> m) {
        // the code hash stays out of the log; the address only masked, as recorded
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.email_invitation_sent",
                "invitation",
                e.invitationId(),
                "to=" + e.maskedEmail() + " role=" + e.role() + " expires=" + e.expiresAt());
    }

    @EventHandler
    void on(OrganizationEmailInvitationAcceptedEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.email_invitation_accepted",
                "user",
                e.userId(),
                "invitation=" + e.invitationId() + " role=" + e.role());
    }

    @EventHandler
    void on(OrganizationEmailInvitationWithdrawnEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.email_invitation_withdrawn",
                "invitation",
                e.invitationId(),
                null);
    }

    @EventHandler
    void on(MemberRateLimitSetEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_rate_limit_set",
                "user",
                e.userId(),
                "rpm=" + e.rpm() + " tpm=" + e.tpm());
    }

    @EventHandler
    void on(MemberBudgetSetEvent e, EventMessage<?> m) {
        audit.insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.budget_set",
                "user",
                e.userId(),
                e.monthlyBudget() == null ? "monthlyBudget=none" : "monthlyBudget=" + e.monthlyBudget());
    }
}
