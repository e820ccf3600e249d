package dev.tollgate.adapter.out.provider;

import dev.tollgate.adapter.out.provider.fetch.ConnectAddresses;
import java.time.Duration;

/**
 * HTTP limits shared by provider adapters.
 *
 * @param connectTimeout     time to open a connection
 * @param streamIdleTimeout  longest silence tolerated inside a streamed answer
 * @param maxErrorBodyBytes  most bytes of an upstream error body kept
 * @param blocking           send chat requests with {@link BlockingHttp1} on the request's own thread; false: with
 *                           the JDK's {@code HttpClient}
 * @param addresses          with {@code blocking}: where a new connection may go (the host resolved and checked at the
 *                           connect); null: the host resolved by the JDK, unchecked at the connect
 */
public record ProviderHttpSettings(
        Duration connectTimeout,
        Duration streamIdleTimeout,
        int maxErrorBodyBytes,
        boolean blocking,
        ConnectAddresses addresses) {
    /** With the JDK's client. */
    public ProviderHttpSettings(Duration connectTimeout, Duration streamIdleTimeout, int maxErrorBodyBytes) {
        this(connectTimeout, streamIdleTimeout, maxErrorBodyBytes, false, null);
    }

    /** Connections to the host as the JDK resolves it. */
    public ProviderHttpSettings(
            Duration connectTimeout, Duration streamIdleTimeout, int maxErrorBodyBytes, boolean blocking) {
        this(connectTimeout, streamIdleTimeout, maxErrorBodyBytes, blocking, null);
    }
}
