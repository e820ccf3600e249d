package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An organisation was enabled or disabled. */
@Revision("1")
public record OrganizationStatusChangedEvent(String organizationId, boolean enabled, String actor, Instant at)
        implements OrganizationEvent {}
