package dev.tollgate.config.properties;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Calls to the upstream providers.
 *
 * @param connectTimeout the longest a connection to a provider may take to open
 * @param firstByteTimeout the longest a provider may take to send the first byte of its answer
 * @param streamFirstByteTimeout the longest a provider may take to send the head of a streamed answer (which it sends
 *     as soon as it takes the request); a time-out fails over to the next channel (docs/providers.md)
 * @param streamIdleTimeout the longest a streamed answer may stay silent between two events
 * @param transport {@code blocking}: written and answered on the request's own (virtual) thread over a pool of
 *     kept-alive HTTP/1.1 connections, each new connection to an address resolved and checked at that moment;
 *     {@code jdk}: through the JDK's HttpClient (resolves the host itself after the check; docs/performance.md)
 */
@Validated
@ConfigurationProperties("tollgate.upstream")
public record UpstreamProperties(
        @DefaultValue("PT5S") @NotNull @DurationMin(millis = 1)
        Duration connectTimeout,

        @DefaultValue("PT60S") @NotNull @DurationMin(millis = 1)
        Duration firstByteTimeout,

        @DefaultValue("PT20S") @NotNull @DurationMin(millis = 1)
        Duration streamFirstByteTimeout,

        @DefaultValue("PT120S") @NotNull @DurationMin(millis = 1)
        Duration streamIdleTimeout,

        @DefaultValue("blocking") @NotNull Transport transport) {

    /** How chat requests reach the provider. */
    public enum Transport {
        JDK,
        BLOCKING
    }
}
