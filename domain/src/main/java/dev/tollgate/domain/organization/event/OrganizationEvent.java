package dev.tollgate.domain.organization.event;

/** Every fact recorded about an organisation. */
public sealed interface OrganizationEvent
        permits OrganizationCreatedEvent,
                OrganizationRenamedEvent,
                OrganizationStatusChangedEvent,
                OrganizationMemberAddedEvent,
                OrganizationMemberRoleChangedEvent,
                OrganizationMemberRemovedEvent,
                OrganizationOwnershipTransferredEvent,
                OrganizationMemberInvitedEvent,
                OrganizationInvitationAcceptedEvent,
                OrganizationInvitationWithdrawnEvent,
                OrganizationPolicySetEvent,
                OrganizationKeyDefaultsSetEvent,
                MemberBudgetSetEvent,
                MemberRateLimitSetEvent,
                OrganizationEmailInvitationSentEvent,
                OrganizationEmailInvitationAcceptedEvent,
                OrganizationEmailInvitationWithdrawnEvent {
    String organizationId();
}
