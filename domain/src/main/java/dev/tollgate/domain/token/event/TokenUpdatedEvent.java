package dev.tollgate.domain.token.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A key's name, status or limits changed; holds the values after the change. Revision 1 events have no
 * {@code group} (read as {@code null}, the default group), revision 2 events no {@code subnets}, {@code rpm} and
 * {@code tpm} (read as absent: any address, no rate limits).
 */
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
        implements TokenEvent {}
