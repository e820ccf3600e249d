package dev.tollgate.adapter.out.provider;

import java.time.Duration;

/**
 * HTTP limits shared by provider adapters.
 *
 * @param connectTimeout     time to open a connection
 * @param streamIdleTimeout  longest silence tolerated inside a streamed answer
 * @param maxErrorBodyBytes  most bytes of an upstream error body kept
 */
public record ProviderHttpSettings(Duration connectTimeout, Duration streamIdleTimeout, int maxErrorBodyBytes) {
}
