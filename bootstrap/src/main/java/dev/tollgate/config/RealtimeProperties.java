package dev.tollgate.config;

import dev.tollgate.application.relay.service.RealtimeSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.realtime.*}: limits of realtime sessions ({@code GET /v1/realtime}) and the bounds their responses
 * are held for. See docs/realtime.md.
 *
 * @param maxSessionsPerKey          sessions one key may have open at once (per node)
 * @param maxSessionsPerOrganization sessions the keys of one organisation may have open at once (per node)
 * @param idleTimeout                no event either way for this long ends a session
 * @param maxSessionDuration         a session is ended after this long (OpenAI's own limit is 30 minutes)
 * @param maxMessageBytes            the largest client message (OpenAI accepts audio appends up to 15 MiB)
 * @param maxUpstreamEventBytes      the largest upstream event
 * @param inputTokensPerResponse     input tokens (text and audio) each response is held for
 * @param outputTokensPerResponse    output tokens each response is held for, and limited to
 * @param audioBytesPerOutputToken   delivered audio bytes charged as one output token when a response breaks off
 *                                   without usage (PCM16 24 kHz: 48,000 bytes per second; 2,400 = 20 tokens/s)
 * @param connectTimeout             time to open the upstream session
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.realtime")
public record RealtimeProperties(
        @DefaultValue("8") @Min(1) @Max(100_000) int maxSessionsPerKey,
        @DefaultValue("100") @Min(1) @Max(1_000_000) int maxSessionsPerOrganization,
        @DefaultValue("5m") @NotNull Duration idleTimeout,
        @DefaultValue("30m") @NotNull Duration maxSessionDuration,

        @DefaultValue("15728640") @Min(1024) @Max(268_435_456)
        long maxMessageBytes,

        @DefaultValue("16777216") @Min(1024) @Max(268_435_456)
        int maxUpstreamEventBytes,

        @DefaultValue("32768") @Min(1) @Max(10_000_000) long inputTokensPerResponse,
        @DefaultValue("4096") @Min(1) @Max(1_000_000) long outputTokensPerResponse,
        @DefaultValue("2400") @Min(1) @Max(10_000_000) long audioBytesPerOutputToken,
        @DefaultValue("10s") @NotNull Duration connectTimeout) {

    RealtimeSettings settings() {
        return new RealtimeSettings(
                maxSessionsPerKey,
                maxSessionsPerOrganization,
                idleTimeout,
                maxSessionDuration,
                maxMessageBytes,
                inputTokensPerResponse,
                outputTokensPerResponse,
                audioBytesPerOutputToken);
    }
}
