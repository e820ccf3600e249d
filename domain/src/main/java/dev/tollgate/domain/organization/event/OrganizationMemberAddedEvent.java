package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user became a member (role ADMIN or MEMBER). */
@Revision("1")
public record OrganizationMemberAddedEvent(String organizationId, String userId, String role, String actor, Instant at)
        implements OrganizationEvent {}
