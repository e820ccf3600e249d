package dev.tollgate.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the console's channel tools ({@code tollgate.channel-tools}).
 *
 * @param modelsTimeout longest time a channel's model list may take to read from its upstream, connection included
 *                      (1 s to 2 min, default 15 s)
 */
@Validated
@ConfigurationProperties("tollgate.channel-tools")
public record ChannelToolsProperties(
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 2)
        Duration modelsTimeout) {
    public ChannelToolsProperties {
        modelsTimeout = modelsTimeout == null ? Duration.ofSeconds(15) : modelsTimeout;
    }
}
