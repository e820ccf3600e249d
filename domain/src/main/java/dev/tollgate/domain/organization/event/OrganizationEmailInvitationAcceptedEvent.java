package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The holder of an e-mailed invitation code joined the organisation with the invited role; the code is used up. */
@Revision("1")
public record OrganizationEmailInvitationAcceptedEvent(
        String organizationId, String invitationId, String userId, String role, String actor, Instant at)
        implements OrganizationEvent {}
