package dev.tollgate.application.relay.service;

/**
 * A channel's circuit breaker on this node. Closed: traffic flows. After {@code threshold} consecutive failures it
 * opens: the router skips the channel for {@code openNanos}. Then one request is let through as a probe
 * (half-open): success closes the breaker, failure opens it again for another period.
 *
 * <p>A channel's breaker also watches the attempts still waiting for their head ({@link HeadWatch}): with
 * {@code threshold} of them waiting longer than {@code stalledAfterNanos} since the channel's last head, the channel is
 * {@link #stalled stalled}, whatever the state. The router then leaves it out as long as another channel can serve
 * (docs/providers.md, "A hung or half-open upstream").
 */
final class CircuitBreaker {
    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final long openNanos;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openUntil;
    /** Null for a breaker that does not watch heads (an upstream key's: a hang is the channel's). */
    private final HeadWatch heads;

    CircuitBreaker(int threshold, long openNanos) {
        this(threshold, openNanos, 0);
    }

    /** @param stalledAfterNanos how long an attempt may wait for its head before it counts as stalled; 0: not watched */
    CircuitBreaker(int threshold, long openNanos, long stalledAfterNanos) {
        this.threshold = threshold;
        this.openNanos = openNanos;
        this.heads = stalledAfterNanos > 0 ? new HeadWatch(threshold, stalledAfterNanos) : null;
    }

    /** An attempt starts waiting for its head at {@code nowNanos}; it reports its head and its end to the result. */
    HeadWatch.Waiting awaitHead(long nowNanos) {
        return heads == null ? HeadWatch.Waiting.NOT_WATCHED : heads.start(nowNanos);
    }

    /**
     * Whether {@code threshold} attempts have waited longer than the stall threshold for their head with no head from
     * the channel since they started (a hung upstream, or long answers: it cannot tell).
     */
    boolean stalled(long nowNanos) {
        return heads != null && heads.stalled(nowNanos);
    }

    /** The attempts counted as stalled at {@code nowNanos}. */
    int stalledAttempts(long nowNanos) {
        return heads == null ? 0 : heads.stalledAttempts(nowNanos);
    }

    /** Whether a request may go to the channel now; in the half-open state only the first caller gets through. */
    synchronized boolean tryPass(long nowNanos) {
        return switch (state) {
            case CLOSED -> true;
            case HALF_OPEN -> false;
            case OPEN -> {
                if (nowNanos - openUntil >= 0) {
                    state = State.HALF_OPEN;
                    yield true;
                }
                yield false;
            }
        };
    }

    /** Whether the router may consider the channel at all (no state change). */
    synchronized boolean mayPass(long nowNanos) {
        return state == State.CLOSED || state == State.OPEN && nowNanos - openUntil >= 0;
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    synchronized void onFailure(long nowNanos) {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openUntil = nowNanos + openNanos;
        }
    }

    /** Opens at once for {@code nanos} (an upstream key the provider rejected), whatever the count. */
    synchronized void openFor(long nowNanos, long nanos) {
        state = State.OPEN;
        openUntil = nowNanos + nanos;
        consecutiveFailures = Math.max(consecutiveFailures, threshold);
    }

    /** A probe that ended without a verdict (e.g. the upstream refused the request itself) frees the half-open slot. */
    synchronized void onNeutral() {
        if (state == State.HALF_OPEN) {
            state = State.CLOSED;
        }
    }

    synchronized State state() {
        return state;
    }
}
