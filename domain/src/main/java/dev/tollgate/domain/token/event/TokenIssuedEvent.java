package dev.tollgate.domain.token.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A key was issued. {@code keyHash} is the hex SHA-256 of the secret; the secret itself is never recorded. */
@Revision("2")
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
        Instant at,
        String group) implements TokenEvent {
    /** A key in the default group (revision 1 events have no group: they read as {@code null}, the default). */
    public TokenIssuedEvent(String tokenId, String ownerId, String name, String keyHash, String maskedKey, long quota,
            boolean unlimitedQuota, Instant expiresAt, List<String> models, String actor, Instant at) {
        this(tokenId, ownerId, name, keyHash, maskedKey, quota, unlimitedQuota, expiresAt, models, actor, at, null);
    }
}
