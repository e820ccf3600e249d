package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A relayed request ended and its cost was taken from the key's quota. Recorded exactly once per request id (the
 * request id is the event's aggregate identifier, sequence 0, so the event store's unique key refuses a second one).
 * Written in batches by the billing journal, never one command per request.
 *
 * @param outcome   {@code succeeded}, {@code failed} (nothing delivered: cost 0) or {@code interrupted}
 *                  (output reached the client before the stream broke: the delivered part is paid)
 * @param cost      quota units charged (0 when nothing was delivered)
 */
@Revision("1")
public record RequestSettledEvent(
        String requestId,
        String tokenId,
        String ownerId,
        String model,
        String upstreamModel,
        String channelId,
        long promptTokens,
        long completionTokens,
        long cost,
        long latencyMillis,
        int upstreamStatus,
        String outcome,
        boolean stream,
        Instant at) {
}
