package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An invitation ended without a member: declined by the invitee or withdrawn by the organisation. */
@Revision("1")
public record OrganizationInvitationWithdrawnEvent(
        String organizationId, String userId, boolean declined, String actor, Instant at)
        implements OrganizationEvent {}
