package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An e-mailed invitation was withdrawn by the organisation: its code no longer works. */
@Revision("1")
public record OrganizationEmailInvitationWithdrawnEvent(
        String organizationId, String invitationId, String actor, Instant at) implements OrganizationEvent {}
