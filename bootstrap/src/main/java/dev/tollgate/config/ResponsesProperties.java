package dev.tollgate.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.responses.*}: the store of the Responses API ({@code /v1/responses}). See docs/responses.md.
 *
 * @param retention          how long a stored response is kept (OpenAI keeps them 30 days)
 * @param writeQueue         responses waiting for the asynchronous writer; when full, further responses are not kept
 *                           (their answer was sent; a later GET gets 404) and the drop is logged
 * @param writeBatch         responses written in one batch
 * @param pruneInterval      how often expired responses are deleted
 * @param pruneBatch         expired responses deleted per statement (a prune runs statements until none is left)
 * @param maxBackground      background responses one node runs at once (more: 429)
 * @param forwardTimeout     time for a forwarded GET / DELETE / cancel on the channel that made a response
 * @param maxForwardedBytes  the largest answer of such a forwarded call
 * @param streamBufferEvents events of one streamed background response kept for clients that follow or resume it
 *                           (the oldest dropped beyond)
 * @param streamBufferBytes  bytes of one streamed background response's events kept (the oldest dropped beyond)
 * @param streamKeptFor      how long an ended streamed background response's events can still be resumed
 * @param keptStreams        ended streamed background responses whose events a node keeps at most (the oldest
 *                           dropped first)
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.responses")
public record ResponsesProperties(
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int writeQueue,
        @DefaultValue("200") @Min(1) @Max(10_000) int writeBatch,
        @DefaultValue("1h") @NotNull Duration pruneInterval,
        @DefaultValue("1000") @Min(1) @Max(100_000) int pruneBatch,
        @DefaultValue("256") @Min(1) @Max(100_000) int maxBackground,
        @DefaultValue("30s") @NotNull Duration forwardTimeout,

        @DefaultValue("16777216") @Min(1024) @Max(268_435_456)
        int maxForwardedBytes,

        @DefaultValue("10000") @Min(16) @Max(1_000_000) int streamBufferEvents,

        @DefaultValue("1048576") @Min(4096) @Max(268_435_456)
        long streamBufferBytes,

        @DefaultValue("10m") @NotNull Duration streamKeptFor,
        @DefaultValue("64") @Min(0) @Max(100_000) int keptStreams) {}
