package dev.tollgate.application.relay.port.out;

import dev.tollgate.application.billing.port.in.MeteredUsage;
import java.util.function.IntSupplier;

/** Operational metrics of the relay (requests, tokens, cost, latency by model, channel and outcome). */
public interface RelayMetricsPort {
    /** A request ended: what it used, as measured, and the units {@code charged} for it. */
    void settled(MeteredUsage usage, long charged);

    /**
     * An attempt failed before the first byte; {@code reason} is one of {@code connect}, {@code timeout},
     * {@code status_5xx}, {@code status_429}, {@code rejected} (401/402/403), {@code broken}; {@code failover} tells
     * whether another channel is tried next.
     */
    void attemptFailed(String model, String channelId, String reason, boolean failover);

    /**
     * A circuit breaker came into being; {@code state} reads its state at any time (0 closed, 1 open, 2 half-open).
     * {@code scope} is {@code channel} or {@code key} ({@code keyIndex} is the upstream key's position, -1 for the
     * channel's breaker; never the key itself).
     */
    void breaker(String scope, String channelId, int keyIndex, IntSupplier state);

    /**
     * A channel's breaker came into being; {@code count} reads, at any time, how many of its attempts have waited
     * longer than the stall threshold for their head with no head from the channel since they started.
     */
    void stalledAttempts(String channelId, IntSupplier count);

    /** The first byte of an answer went to the client {@code nanos} after the request arrived (time to first byte). */
    void firstByte(String model, String channelId, long nanos);

    /**
     * The relay answered the client with an error of its own (OpenAI error {@code code}, HTTP {@code status}): a refused
     * key, model, quota or rate, or every channel failed.
     */
    void refused(int status, String code);

    /** Units an organisation's request was charged (spending per organisation). */
    void organizationCharged(String organizationId, long charged);
}
