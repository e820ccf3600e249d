package dev.tollgate.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.in-flight.*}: this node's bound on relayed requests in flight (issue 20, docs/reliability.md).
 * Every relay request ({@code /v1/**}, {@code /v1beta/**}, {@code /dashboard/billing/*}; not the admin API) holds a
 * place from its arrival until its answer is written, a stream until its last event; a realtime session holds one for
 * its life. Beyond the limit, 503 {@code server_overloaded} with {@code Retry-After}, before the body is read.
 *
 * @param maxRequests requests (and realtime sessions) this node serves at once; 0: derived from the heap, the
 *     JVM's maximum heap divided by {@code heapPerRequest} (at least 16, at most 100,000)
 * @param heapPerRequest the heap one request in flight is given when the limit is derived: measured, 70 to 150 KiB
 *     of live heap for a chat request waiting for its upstream (buffers, parsed body, the virtual thread's stack);
 *     the rest is room for garbage the collector must be able to leave and for larger bodies: 384 MiB → 768,
 *     1 GiB → 2,048 (docs/reliability.md)
 * @param retryAfter what a refused client is told to wait ({@code Retry-After}, whole seconds)
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.in-flight")
public record InFlightProperties(
        @DefaultValue("0") @Min(0) @Max(1_000_000) int maxRequests,
        @DefaultValue("512KB") @NotNull DataSize heapPerRequest,

        @DefaultValue("PT1S") @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1)
        Duration retryAfter) {

    static final int DERIVED_MIN = 16;
    static final int DERIVED_MAX = 100_000;

    /** The limit in force on a JVM whose maximum heap is {@code maxHeapBytes}. */
    int limit(long maxHeapBytes) {
        if (maxRequests > 0) {
            return maxRequests;
        }
        long perRequest = Math.max(1, heapPerRequest.toBytes());
        return (int) Math.clamp(maxHeapBytes / perRequest, DERIVED_MIN, DERIVED_MAX);
    }
}
