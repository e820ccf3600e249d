package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A member's requests and tokens per minute in the organisation were set: all the member's keys of the organisation
 * together ({@code null}: no limit).
 */
@Revision("1")
public record MemberRateLimitSetEvent(
        String organizationId, String userId, Long rpm, Long tpm, String actor, Instant at)
        implements OrganizationEvent {}
