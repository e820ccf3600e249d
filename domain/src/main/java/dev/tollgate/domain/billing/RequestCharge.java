package dev.tollgate.domain.billing;

import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.Optional;

/**
 * The money side of one relayed request, from its hold to its end, and the events it causes: the hold recorded when
 * anything was held ({@link QuotaReservedEvent}), then exactly one settlement ({@link RequestSettledEvent}) that
 * charges what was used — never more than the hold when something limited the request, never below zero — and
 * releases the rest. The accounts that the hold and the charge are taken from ({@link QuotaScope}, {@link
 * QuotaAccount}) apply these events; the application keeps both in memory and stores the events in batches.
 *
 * @param held    units set aside for the request's worst case (0 when nothing limits it)
 * @param limited a key cap, a member budget or a wallet limited the request: its charge stays within the hold
 */
public record RequestCharge(
        String requestId,
        String tokenId,
        String ownerId,
        String organizationId,
        String model,
        long held,
        boolean limited) {

    /** What the relay measured of the request: what it used and how it ended (the relay's own record of it). */
    public interface Usage {
        String model();

        String upstreamModel();

        String channelId();

        int upstreamStatus();

        String outcome();

        boolean stream();

        long promptTokens();

        long cachedPromptTokens();

        long completionTokens();

        long reasoningTokens();

        long images();

        long audioSeconds();

        int attempts();

        long latencyMillis();
    }

    public RequestCharge {
        if (held < 0) {
            throw new InvalidValueException("held", "a hold is never negative");
        }
    }

    /** The hold as an event, to be recorded before the request is sent; none when nothing was held. */
    public Optional<QuotaReservedEvent> hold(String node, Instant at) {
        return held == 0
                ? Optional.empty()
                : Optional.of(
                        new QuotaReservedEvent(requestId, tokenId, ownerId, model, held, node, at, organizationId));
    }

    /** What a cost of {@code cost} units is charged: the cost, within the hold when something limited the request. */
    public long charged(long cost) {
        return QuotaAccount.charged(cost, held, limited);
    }

    /**
     * Ends the request with the cost of what it used (the price of {@code usage}): the settlement that charges {@link
     * #charged} and releases the rest of the hold.
     */
    public RequestSettledEvent settle(long cost, Usage usage, Instant at) {
        return new RequestSettledEvent(
                requestId,
                tokenId,
                ownerId,
                usage.model(),
                usage.upstreamModel(),
                usage.channelId(),
                usage.promptTokens(),
                usage.completionTokens(),
                charged(cost),
                usage.latencyMillis(),
                usage.upstreamStatus(),
                usage.outcome(),
                usage.stream(),
                at,
                usage.cachedPromptTokens(),
                usage.reasoningTokens(),
                usage.images(),
                usage.audioSeconds(),
                usage.attempts(),
                held,
                organizationId);
    }
}
