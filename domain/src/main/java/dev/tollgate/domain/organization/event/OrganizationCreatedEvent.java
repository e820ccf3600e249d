package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An organisation was created with its owner. */
@Revision("1")
public record OrganizationCreatedEvent(
        String organizationId, String name, String ownerId, boolean personal, String actor, Instant at)
        implements OrganizationEvent {}
