package dev.tollgate.application.common;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} events per key in any {@code window} (on this node), e.g. e-mail invitations per organisation
 * per day or registrations per client address per hour. An event over the limit is refused with a
 * {@link RateLimitedException} that says when the oldest counted event leaves the window. Keys whose events all left
 * the window are forgotten, so the memory stays bounded by the keys active within one window.
 */
public final class SlidingWindowLimit {
    /** Past this many keys, the keys with no event in the window are dropped. */
    private static final int SWEEP_ABOVE_KEYS = 10_000;

    private final int max;
    private final Duration window;
    private final String code;
    private final String message;
    private final Map<String, Deque<Instant>> events = new ConcurrentHashMap<>();

    /**
     * @param code the error code of a refusal ({@code too_many_invitations})
     * @param message the refusal's message
     */
    public SlidingWindowLimit(int max, Duration window, String code, String message) {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a sliding window needs max >= 1 and a positive window");
        }
        this.max = max;
        this.window = window;
        this.code = code;
        this.message = message;
    }

    public int max() {
        return max;
    }

    public Duration window() {
        return window;
    }

    /** Counts one event of {@code key} at {@code now}, or refuses it (counting nothing) when the window is full. */
    public void take(String key, Instant now) {
        if (events.size() > SWEEP_ABOVE_KEYS) {
            sweep(now);
        }
        Deque<Instant> taken = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (taken) {
            dropExpired(taken, now);
            if (taken.size() >= max) {
                long wait = Math.max(
                        1, Duration.between(now, taken.peekFirst().plus(window)).toSeconds() + 1);
                throw new RateLimitedException(code, wait, message);
            }
            taken.addLast(now);
        }
    }

    private void sweep(Instant now) {
        events.entrySet().removeIf(entry -> {
            Deque<Instant> taken = entry.getValue();
            synchronized (taken) {
                dropExpired(taken, now);
                return taken.isEmpty();
            }
        });
    }

    private void dropExpired(Deque<Instant> taken, Instant now) {
        Instant start = now.minus(window);
        while (!taken.isEmpty() && !taken.peekFirst().isAfter(start)) {
            taken.removeFirst();
        }
    }
}
