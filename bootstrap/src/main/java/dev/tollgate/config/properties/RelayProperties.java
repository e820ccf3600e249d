package dev.tollgate.config.properties;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The relay's routing, failover and channel checks (docs/providers.md).
 *
 * @param maxRetries how many other channels are tried after the first one failed (before the first byte)
 * @param defaultMaxTokens the output tokens reserved for a request that sets no output limit
 * @param breaker the circuit breaker of each channel and upstream key
 * @param probeInterval how often automatically disabled channels are probed
 * @param probeTimeout the longest one channel probe may take
 * @param balanceTimeout the longest one read of a channel's upstream balance may take
 * @param balanceRefreshInterval how often every channel's upstream balance is read
 */
@Validated
@ConfigurationProperties("tollgate.relay")
public record RelayProperties(
        @DefaultValue("2") @PositiveOrZero @Max(20) int maxRetries,
        @DefaultValue("4096") @Positive long defaultMaxTokens,
        @DefaultValue @Valid @NotNull Breaker breaker,

        @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 1)
        Duration probeInterval,

        @DefaultValue("PT20S") @NotNull @DurationMin(millis = 1)
        Duration probeTimeout,

        @DefaultValue("PT15S") @NotNull @DurationMin(millis = 1)
        Duration balanceTimeout,

        @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 1)
        Duration balanceRefreshInterval) {

    /**
     * A channel's circuit breaker.
     *
     * @param failureThreshold consecutive failures after which a channel is left out
     * @param openDuration how long a channel whose breaker opened is left out
     * @param rejectedKeyPause an upstream key rejected with 401/402/403 is left out this long when its channel has
     *     other keys
     * @param stalledAfter an attempt waiting this long for its head counts as stalled; a channel with failure-threshold
     *     stalled attempts is left out while another channel can serve
     */
    public record Breaker(
            @DefaultValue("5") @Positive int failureThreshold,

            @DefaultValue("PT30S") @NotNull @DurationMin(millis = 1)
            Duration openDuration,

            @DefaultValue("PT10M") @NotNull @DurationMin(millis = 1)
            Duration rejectedKeyPause,

            @DefaultValue("PT20S") @NotNull @DurationMin(millis = 1)
            Duration stalledAfter) {}
}
