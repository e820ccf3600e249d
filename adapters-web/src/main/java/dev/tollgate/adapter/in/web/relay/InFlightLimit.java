package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.application.relay.port.in.RelayException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's bound on relayed requests in flight (issue 20): a request takes a place when it arrives, before its body
 * is read, and gives it back when its answer has been written, a stream's included; a realtime session holds one for
 * its whole life. Beyond {@link #max()} a request is refused at once with 503 and {@code Retry-After}, so an overload
 * becomes refusals a client retries instead of a heap filled with waiting requests (docs/reliability.md).
 */
public final class InFlightLimit {
    private final int max;
    private final long retryAfterSeconds;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    /**
     * @param max requests (and realtime sessions) this node serves at once, at least 1
     * @param retryAfter what a refused client is told to wait, rounded up to whole seconds (at least 1)
     */
    public InFlightLimit(int max, Duration retryAfter) {
        if (max < 1) {
            throw new IllegalArgumentException("the limit of requests in flight must be at least 1: " + max);
        }
        this.max = max;
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** A place for one request, or null when all {@link #max()} are taken (counted as a refusal). */
    Permit tryEnter() {
        int now;
        do {
            now = inFlight.get();
            if (now >= max) {
                refused.increment();
                return null;
            }
        } while (!inFlight.compareAndSet(now, now + 1));
        return new Permit();
    }

    /** The refusal a client gets beyond the limit: 503, retryable, with {@code Retry-After}. */
    RelayException overloaded() {
        return new RelayException(
                503,
                "server_error",
                "server_overloaded",
                "this Tollgate node is serving its limit of " + max + " requests at once; retry after "
                        + retryAfterSeconds + " s",
                retryAfterSeconds);
    }

    /** Requests and realtime sessions in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests refused for the limit since start. */
    public long refused() {
        return refused.sum();
    }

    public int max() {
        return max;
    }

    /** One place taken; {@link #close()} gives it back, once, however often it is called. */
    final class Permit implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Permit() {}

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                inFlight.decrementAndGet();
            }
        }
    }
}
