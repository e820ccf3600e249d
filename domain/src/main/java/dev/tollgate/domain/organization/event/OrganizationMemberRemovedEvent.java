package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member left or was removed. */
@Revision("1")
public record OrganizationMemberRemovedEvent(String organizationId, String userId, String actor, Instant at)
        implements OrganizationEvent {}
