package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Quota was held for a relayed request before its upstream call: {@code amount} units set aside on the key (and on
 * its owner's wallet) for the request's worst-case cost. The first event (sequence 0) of the request's stream; the
 * {@link RequestSettledEvent} that follows ends it, charging at most {@code amount} and releasing the rest. Recorded
 * only when something was held (a request that nothing limits has no reservation to record).
 *
 * @param node the Tollgate process that holds it: if that process stops without settling, the reservation is
 *             released by another (or the restarted) process once the process is known to be gone
 */
@Revision("1")
public record QuotaReservedEvent(
        String requestId,
        String tokenId,
        String ownerId,
        String model,
        long amount,
        String node,
        Instant at) implements RequestEvent {
    public QuotaReservedEvent {
        if (amount <= 0) {
            throw new IllegalArgumentException("a recorded reservation holds a positive amount");
        }
    }

    @Override
    public long sequence() {
        return 0;
    }
}
