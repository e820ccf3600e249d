package dev.tollgate.application.relay.service;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The attempts on one channel that are still waiting for their answer's head, since the channel's last head. An
 * attempt that has waited {@code stalledAfter} counts as stalled; {@code threshold} stalled attempts at once make the
 * channel {@link #stalled stalled}: a hung upstream takes requests and never answers, and the breaker, which counts
 * only attempts that ended, would not see it before their head time-out (60 s for a non-streamed answer).
 *
 * <p>A head from any attempt shows the channel answers: every attempt that started before it stops counting. The
 * waiting attempts are kept in the order they started, so the check looks at the oldest ones only; nothing runs
 * in between (no timer): the router asks with the time it already has.
 */
final class HeadWatch {
    /** One attempt waiting for its head; {@link #NOT_WATCHED} for attempts nobody watches. */
    static final class Waiting {
        static final Waiting NOT_WATCHED = new Waiting(null, 0);

        private final HeadWatch watch;
        private final long startedAt;
        /** Its head arrived or it ended (under the watch's lock). */
        private boolean over;

        private Waiting(HeadWatch watch, long startedAt) {
            this.watch = watch;
            this.startedAt = startedAt;
        }

        /** The answer's head arrived: the channel answers. */
        void headArrived() {
            if (watch != null) {
                watch.headArrived(this);
            }
        }

        /** The attempt ended, with or without a head (a second call does nothing). */
        void ended() {
            if (watch != null) {
                watch.ended(this);
            }
        }
    }

    private final int threshold;
    private final long stalledAfterNanos;
    /** Attempts started since the last head, oldest first; those {@code over} are dropped from the front lazily. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    /**
     * @param threshold         stalled attempts at once that make the channel stalled
     * @param stalledAfterNanos how long an attempt waits for its head before it counts as stalled
     */
    HeadWatch(int threshold, long stalledAfterNanos) {
        if (threshold < 1 || stalledAfterNanos <= 0) {
            throw new IllegalArgumentException("threshold must be >= 1 and stalledAfter > 0");
        }
        this.threshold = threshold;
        this.stalledAfterNanos = stalledAfterNanos;
    }

    /** An attempt starts waiting for its head at {@code nowNanos}. */
    synchronized Waiting start(long nowNanos) {
        Waiting w = new Waiting(this, nowNanos);
        waiting.addLast(w);
        return w;
    }

    /** Whether at least {@code threshold} attempts have waited {@code stalledAfter} at {@code nowNanos}. */
    synchronized boolean stalled(long nowNanos) {
        return waiting.size() >= threshold && count(nowNanos, threshold) >= threshold;
    }

    /** How many attempts have waited {@code stalledAfter} at {@code nowNanos} (for the metrics). */
    synchronized int stalledAttempts(long nowNanos) {
        return count(nowNanos, Integer.MAX_VALUE);
    }

    private synchronized void headArrived(Waiting w) {
        if (w.over) {
            return;
        }
        w.over = true;
        waiting.clear(); // every attempt waiting now started before this head
    }

    private synchronized void ended(Waiting w) {
        if (w.over) {
            return;
        }
        w.over = true;
        if (waiting.peekLast() == w) {
            waiting.pollLast(); // the usual quick end (refused, no connection): no trace left
        }
        dropEnded();
    }

    private int count(long nowNanos, int enough) {
        dropEnded();
        int stalled = 0;
        for (Iterator<Waiting> i = waiting.iterator(); i.hasNext() && stalled < enough; ) {
            Waiting w = i.next();
            if (nowNanos - w.startedAt < stalledAfterNanos) {
                break; // this one and every later one are younger
            }
            if (!w.over) {
                stalled++;
            }
        }
        return stalled;
    }

    private void dropEnded() {
        while (!waiting.isEmpty() && waiting.peekFirst().over) {
            waiting.pollFirst();
        }
    }
}
