package dev.tollgate.domain.organization.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A platform admin set what an organisation is granted: routing groups, allowed models (empty: all), and the requests
 * and tokens per minute all its keys together may use ({@code null}: no limit).
 */
@Revision("1")
public record OrganizationPolicySetEvent(
        String organizationId, List<String> groups, List<String> models, Long rpm, Long tpm, String actor, Instant at)
        implements OrganizationEvent {}
