package dev.tollgate.domain.token.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A key's name, status or limits changed; holds the values after the change. */
@Revision("3")
public record TokenUpdatedEvent(
        String tokenId,
        String name,
        String status,
        long quota,
        boolean unlimitedQuota,
        Instant expiresAt,
        List<String> models,
        String actor,
        Instant at,
        String group,
        List<String> subnets,
        Long rpm,
        Long tpm)
        implements TokenEvent {
    /** A change in the default group (revision 1 events have no group: they read as {@code null}, the default). */
    public TokenUpdatedEvent(
            String tokenId,
            String name,
            String status,
            long quota,
            boolean unlimitedQuota,
            Instant expiresAt,
            List<String> models,
            String actor,
            Instant at) {
        this(tokenId, name, status, quota, unlimitedQuota, expiresAt, models, actor, at, null);
    }

    /** A change leaving the key usable from any address, without rate limits (revision 2: read as none). */
    public TokenUpdatedEvent(
            String tokenId,
            String name,
            String status,
            long quota,
            boolean unlimitedQuota,
            Instant expiresAt,
            List<String> models,
            String actor,
            Instant at,
            String group) {
        this(tokenId, name, status, quota, unlimitedQuota, expiresAt, models, actor, at, group, List.of(), null, null);
    }
}
