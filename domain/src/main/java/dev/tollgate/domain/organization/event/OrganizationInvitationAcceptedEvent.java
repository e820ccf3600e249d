package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An invited user accepted and became a member with the role they were invited with. */
@Revision("1")
public record OrganizationInvitationAcceptedEvent(
        String organizationId, String userId, String role, String actor, Instant at) implements OrganizationEvent {}
