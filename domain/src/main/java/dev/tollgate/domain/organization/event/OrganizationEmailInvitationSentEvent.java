package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An invitation was e-mailed to someone who may not have an account yet. Only the hex SHA-256 of its code is recorded
 * (the code is in the e-mail alone) and the address only masked ({@code a***@example.com}).
 *
 * @param invitationId a short public id of the invitation (to list and withdraw it)
 */
@Revision("1")
public record OrganizationEmailInvitationSentEvent(
        String organizationId,
        String invitationId,
        String codeHash,
        String maskedEmail,
        String role,
        Instant expiresAt,
        String actor,
        Instant at)
        implements OrganizationEvent {}
