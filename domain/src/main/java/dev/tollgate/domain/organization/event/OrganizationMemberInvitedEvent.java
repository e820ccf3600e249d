package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user was invited to join with a role (ADMIN or MEMBER); they become a member only when they accept. */
@Revision("1")
public record OrganizationMemberInvitedEvent(
        String organizationId, String userId, String role, String actor, Instant at) implements OrganizationEvent {}
