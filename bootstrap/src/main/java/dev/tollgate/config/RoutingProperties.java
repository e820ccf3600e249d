package dev.tollgate.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Routing tuning ({@code tollgate.routing.*}).
 *
 * @param latencyDecay τ of the {@code latency} strategy's moving average: how far back its figures look
 *                     (default 10 s; between 100 ms and 1 h)
 * @param concurrencyRebalance how often this node tops up or gives back its shares of cluster-wide concurrency limits
 *                     (default 200 ms; between 20 ms and 10 s)
 */
@Validated
@ConfigurationProperties("tollgate.routing")
public record RoutingProperties(
        @NotNull Duration latencyDecay, @NotNull Duration concurrencyRebalance) {
    public RoutingProperties {
        if (latencyDecay == null) {
            latencyDecay = Duration.ofSeconds(10);
        }
        if (concurrencyRebalance == null) {
            concurrencyRebalance = Duration.ofMillis(200);
        }
        if (latencyDecay.compareTo(Duration.ofMillis(100)) < 0 || latencyDecay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("tollgate.routing.latency-decay must be between 100 ms and 1 h");
        }
        if (concurrencyRebalance.compareTo(Duration.ofMillis(20)) < 0
                || concurrencyRebalance.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("tollgate.routing.concurrency-rebalance must be between 20 ms and 10 s");
        }
    }
}
