package dev.tollgate.domain.token.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A key was issued. {@code keyHash} is the hex SHA-256 of the secret; the secret itself is never recorded. */
@Revision("1")
public record TokenIssuedEvent(
        String tokenId,
        String ownerId,
        String name,
        String keyHash,
        String maskedKey,
        long quota,
        boolean unlimitedQuota,
        Instant expiresAt,
        List<String> models,
        String actor,
        Instant at) implements TokenEvent {
}
