package dev.tollgate.adapter.out.provider;

import java.time.Duration;

/**
 * HTTP limits shared by provider adapters.
 *
 * @param connectTimeout     time to open a connection
 * @param streamIdleTimeout  longest silence tolerated inside a streamed answer
 * @param maxErrorBodyBytes  most bytes of an upstream error body kept
 * @param blocking           send chat requests with {@link BlockingHttp1} on the request's own thread; false (the
 *                           default): with the JDK's {@code HttpClient}
 */
public record ProviderHttpSettings(Duration connectTimeout, Duration streamIdleTimeout, int maxErrorBodyBytes,
        boolean blocking) {
    /** With the JDK's client. */
    public ProviderHttpSettings(Duration connectTimeout, Duration streamIdleTimeout, int maxErrorBodyBytes) {
        this(connectTimeout, streamIdleTimeout, maxErrorBodyBytes, false);
    }
}
