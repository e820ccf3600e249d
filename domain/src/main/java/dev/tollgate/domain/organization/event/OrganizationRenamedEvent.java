package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An organisation was renamed. */
@Revision("1")
public record OrganizationRenamedEvent(String organizationId, String name, String actor, Instant at)
        implements OrganizationEvent {}
