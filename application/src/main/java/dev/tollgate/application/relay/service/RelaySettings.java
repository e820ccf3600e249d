package dev.tollgate.application.relay.service;

import java.time.Duration;

/**
 * Relay tuning.
 *
 * @param maxRetries        further channels tried after a failure before the first byte (default 2)
 * @param defaultMaxTokens  output-token limit sent upstream when the client sets none (and the cap for
 *                          reservations)
 * @param firstByteTimeout  how long to wait for an upstream's response head
 * @param streamFirstByteTimeout how long to wait for the head of a streamed answer (sent as soon as the provider takes
 *                          the request: a half-open or hung upstream is left for the next channel sooner)
 * @param breakerThreshold  consecutive failures of a channel that open its circuit breaker
 * @param breakerOpen       how long an open breaker keeps the channel out before one probe request
 * @param rejectedKeyPause  how long an upstream key the provider rejected (401/402/403) is left out of a channel
 *                          that has other keys; a channel whose every key is rejected is disabled instead
 * @param breakerStalledAfter how long an attempt waits for its head before it counts as stalled: a channel with
 *                          {@code breakerThreshold} stalled attempts (and no head since they started) gets no new
 *                          requests while another channel can serve
 */
public record RelaySettings(
        int maxRetries,
        long defaultMaxTokens,
        Duration firstByteTimeout,
        Duration streamFirstByteTimeout,
        int breakerThreshold,
        Duration breakerOpen,
        Duration rejectedKeyPause,
        Duration breakerStalledAfter) {
    public RelaySettings {
        if (maxRetries < 0 || defaultMaxTokens < 1 || breakerThreshold < 1) {
            throw new IllegalArgumentException(
                    "maxRetries must be >= 0, defaultMaxTokens >= 1 and breakerThreshold >= 1");
        }
        if (breakerStalledAfter.isNegative() || breakerStalledAfter.isZero()) {
            throw new IllegalArgumentException("breakerStalledAfter must be positive");
        }
    }
}
