package dev.tollgate.domain.token.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The limits every user's keys share (all keys of one user together) were set; {@code null} means no limit.
 */
@Revision("1")
public record UserRateLimitsSetEvent(String policyId, Long rpm, Long tpm, String actor, Instant at) {}
