package dev.tollgate.domain.billing.event;

import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A relayed request ended and its cost was taken from the key's quota. Recorded exactly once per request id: the
 * request id is the event's aggregate identifier and its sequence is fixed (1 after a {@link QuotaReservedEvent}, 0
 * when nothing was reserved), so the event store's unique key refuses a second one. Written in batches by the
 * billing journal, never one command per request.
 *
 * @param outcome   {@code succeeded}, {@code failed} (nothing delivered: cost 0) or {@code interrupted}
 *                  (output reached the client before the stream broke: the delivered part is paid), or
 *                  {@code abandoned} (the process handling it stopped before it ended: released, cost 0)
 * @param cost      quota units charged (0 when nothing was delivered)
 * @param cachedPromptTokens input tokens the provider served from its prompt cache (part of promptTokens)
 * @param reasoningTokens    output tokens spent on reasoning (part of completionTokens)
 * @param images             images generated and charged
 * @param audioSeconds       seconds of audio transcribed and charged
 * @param attempts           upstream attempts made (1 without failover)
 * @param reserved           units held for the request before the call (its {@link QuotaReservedEvent}); the
 *                           settlement releases {@code reserved - cost}. 0: nothing was held and no reservation
 *                           event precedes this one
 *
 * @param organizationId     the organisation whose wallet paid (the key's organisation); {@code null} in events from
 *                           before organisations owned keys: the owner's personal organisation
 *
 * <p>Revision 2 added cachedPromptTokens to attempts; revision 3 added reserved; revision 4 organizationId. Older
 * events read them as 0 (attempts as 0, organizationId as null).
 */
@Revision("4")
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
        Instant at,
        long cachedPromptTokens,
        long reasoningTokens,
        long images,
        long audioSeconds,
        int attempts,
        long reserved,
        String organizationId)
        implements RequestEvent {
    /** Outcome of a request the process handling it did not live to settle. */
    public static final String ABANDONED = "abandoned";

    /** The organisation that paid: the recorded one, or the owner's personal organisation. */
    public String payingOrganization() {
        return organizationId != null
                ? organizationId
                : OrganizationId.personalOf(ownerId).value();
    }

    @Override
    public long sequence() {
        return reserved > 0 ? 1 : 0;
    }

    /** A settlement of tokens only, in one attempt. */
    public RequestSettledEvent(
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
        this(
                requestId,
                tokenId,
                ownerId,
                model,
                upstreamModel,
                channelId,
                promptTokens,
                completionTokens,
                cost,
                latencyMillis,
                upstreamStatus,
                outcome,
                stream,
                at,
                0,
                0,
                0,
                0,
                1,
                0,
                null);
    }
}
