package dev.tollgate.application.billing.port.in;

import dev.tollgate.domain.billing.RequestCharge;

/**
 * What a relayed request used and how it ended, as the relay measured it; billing prices it.
 *
 * @param outcome   {@code succeeded}, {@code failed} (nothing delivered: nothing is charged) or {@code interrupted}
 *                  (output reached the client before the answer broke off: the delivered part is paid)
 * @param delivered whether any output reached the client (only then is anything charged)
 * @param attempts  upstream attempts made
 * @param cacheWriteTokens input tokens written to the provider's prompt cache (a part of promptTokens besides
 *                  cachedPromptTokens), priced at the model's cache-write price
 */
public record MeteredUsage(
        String model,
        String upstreamModel,
        String channelId,
        int upstreamStatus,
        String outcome,
        boolean delivered,
        boolean stream,
        long promptTokens,
        long cachedPromptTokens,
        long completionTokens,
        long reasoningTokens,
        long images,
        long audioSeconds,
        int attempts,
        long latencyMillis,
        long cacheWriteTokens)
        implements RequestCharge.Usage {
    public MeteredUsage {
        if (promptTokens < 0
                || cachedPromptTokens < 0
                || completionTokens < 0
                || reasoningTokens < 0
                || images < 0
                || audioSeconds < 0
                || cacheWriteTokens < 0) {
            throw new IllegalArgumentException("usage counts are never negative");
        }
    }

    /** A request that delivered nothing (failed before the first byte, or refused before it was sent). */
    public static MeteredUsage nothingDelivered(String model, boolean stream) {
        return new MeteredUsage(model, null, null, 0, "failed", false, stream, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
