package dev.tollgate.application.billing.query;

import java.time.Instant;

/**
 * One relayed request as the usage API shows it: {@code ownerId} is the key's holder, {@code organizationId} the
 * organisation that paid, {@code reserved} what was held for it before the call (0: nothing).
 */
public record UsageRecordView(
        String requestId,
        Instant at,
        String ownerId,
        String tokenId,
        String channelId,
        String model,
        String upstreamModel,
        long promptTokens,
        long completionTokens,
        long cost,
        long latencyMillis,
        int upstreamStatus,
        String outcome,
        boolean stream,
        long cachedPromptTokens,
        long reasoningTokens,
        long images,
        long audioSeconds,
        int attempts,
        String organizationId,
        long reserved) {}
