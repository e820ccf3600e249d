package dev.tollgate.domain.organization.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The organisation's owner or an admin set the requests and tokens per minute that each of its keys gets when the
 * key sets none of its own ({@code null}: no default).
 */
@Revision("1")
public record OrganizationKeyDefaultsSetEvent(String organizationId, Long rpm, Long tpm, String actor, Instant at)
        implements OrganizationEvent {}
