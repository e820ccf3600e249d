package dev.tollgate.application.relay.service;

import java.time.Duration;

/**
 * Relay tuning.
 *
 * @param maxRetries        further channels tried after a failure before the first byte (default 2)
 * @param defaultMaxTokens  output-token limit sent upstream when the client sets none (and the cap for
 *                          reservations)
 * @param firstByteTimeout  how long to wait for an upstream's response head
 */
public record RelaySettings(int maxRetries, long defaultMaxTokens, Duration firstByteTimeout) {
    public RelaySettings {
        if (maxRetries < 0 || defaultMaxTokens < 1) {
            throw new IllegalArgumentException("maxRetries must be >= 0 and defaultMaxTokens >= 1");
        }
    }
}
