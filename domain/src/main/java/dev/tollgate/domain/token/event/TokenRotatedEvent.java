package dev.tollgate.domain.token.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A key was given a new secret; its settings stay. {@code keyHash} is the hex SHA-256 of the new secret (the secret
 * itself is never recorded); the old secret is refused from this event on.
 */
@Revision("1")
public record TokenRotatedEvent(String tokenId, String keyHash, String maskedKey, String actor, Instant at)
        implements TokenEvent {}
