package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Ownership moved to another member; the previous owner stays as ADMIN. */
@Revision("1")
public record OrganizationOwnershipTransferredEvent(
        String organizationId, String previousOwnerId, String newOwnerId, String actor, Instant at)
        implements OrganizationEvent {}
