package dev.tollgate.application.relay.service;

/**
 * A channel's circuit breaker on this node. Closed: traffic flows. After {@code threshold} consecutive failures it
 * opens: the router skips the channel for {@code openNanos}. Then one request is let through as a probe
 * (half-open): success closes the breaker, failure opens it again for another period.
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

    CircuitBreaker(int threshold, long openNanos) {
        this.threshold = threshold;
        this.openNanos = openNanos;
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
