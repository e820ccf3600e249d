package dev.tollgate.domain.billing.event;

import dev.tollgate.domain.organization.OrganizationId;
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
 * @param organizationId the key's organisation (whose wallet holds the amount); {@code null} in revision 1 events:
 *             the owner's personal organisation
 */
@Revision("2")
public record QuotaReservedEvent(
        String requestId,
        String tokenId,
        String ownerId,
        String model,
        long amount,
        String node,
        Instant at,
        String organizationId)
        implements RequestEvent {
    public QuotaReservedEvent {
        if (amount <= 0) {
            throw new IllegalArgumentException("a recorded reservation holds a positive amount");
        }
    }

    /** A reservation recorded without its organisation (the owner's personal one). */
    public QuotaReservedEvent(
            String requestId, String tokenId, String ownerId, String model, long amount, String node, Instant at) {
        this(requestId, tokenId, ownerId, model, amount, node, at, null);
    }

    /** The organisation whose wallet holds the amount. */
    public String payingOrganization() {
        return organizationId != null
                ? organizationId
                : OrganizationId.personalOf(ownerId).value();
    }

    @Override
    public long sequence() {
        return 0;
    }
}
