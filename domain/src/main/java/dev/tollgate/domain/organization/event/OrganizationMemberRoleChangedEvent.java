package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member's role changed between ADMIN and MEMBER. */
@Revision("1")
public record OrganizationMemberRoleChangedEvent(
        String organizationId, String userId, String role, String actor, Instant at) implements OrganizationEvent {}
