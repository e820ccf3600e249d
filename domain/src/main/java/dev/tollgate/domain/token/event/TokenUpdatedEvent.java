package dev.tollgate.domain.token.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A key's name, status or limits changed; holds the values after the change. */
@Revision("1")
public record TokenUpdatedEvent(
        String tokenId,
        String name,
        String status,
        long quota,
        boolean unlimitedQuota,
        Instant expiresAt,
        List<String> models,
        String actor,
        Instant at) implements TokenEvent {
}
