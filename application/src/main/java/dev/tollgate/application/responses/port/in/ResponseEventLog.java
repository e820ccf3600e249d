package dev.tollgate.application.responses.port.in;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The events of one streamed background response, kept on the node that runs it so that clients may follow it and
 * resume it ({@code GET /v1/responses/{id}?stream=true&starting_after=n}) while it runs and for a while after. Each
 * event gets the next {@code sequence_number} (0, 1, 2…). Bounded: past {@code maxEvents} events or
 * {@code maxBytes} bytes the oldest are dropped; a reader asking for a dropped event is told so ({@link Page#lost()}).
 * Thread-safe: one writer (the run), any number of readers.
 */
public final class ResponseEventLog {
    /** One event: its sequence number, its type and its data (the JSON, with that sequence number in it). */
    public record Event(long sequence, String type, byte[] data) {}

    /**
     * What a read found: the events from the asked sequence number on (possibly none yet), whether the log ended
     * (no event will follow these), and whether events before them were asked for but are no longer kept.
     */
    public record Page(List<Event> events, boolean ended, boolean lost, long firstKept) {}

    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long next;
    private long bytes;
    private boolean ended;
    private long endedAtNanos;

    public ResponseEventLog(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Appends an event; {@code data} makes its bytes from its sequence number. Ignored once the log ended. */
    public synchronized void append(String type, LongFunction<byte[]> data) {
        if (ended) {
            return;
        }
        byte[] bytesOf = data.apply(next);
        events.addLast(new Event(next++, type, bytesOf));
        bytes += bytesOf.length;
        while (events.size() > 1 && (events.size() > maxEvents || bytes > maxBytes)) {
            bytes -= events.removeFirst().data().length;
        }
        notifyAll();
    }

    /** No event follows: readers end after the last one. */
    public synchronized void end() {
        if (!ended) {
            ended = true;
            endedAtNanos = System.nanoTime();
            notifyAll();
        }
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** Whether it ended more than {@code age} ago. */
    public synchronized boolean endedBefore(Duration age) {
        return ended && System.nanoTime() - endedAtNanos > age.toNanos();
    }

    /** The sequence number the next event will get. */
    public synchronized long next() {
        return next;
    }

    /**
     * The events from sequence number {@code from} on; when there is none yet and the log has not ended, waits up
     * to {@code wait} for one.
     */
    public synchronized Page read(long from, Duration wait) throws InterruptedException {
        long first = events.isEmpty() ? next : events.peekFirst().sequence();
        if (from < first) {
            return new Page(List.of(), ended, true, first);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (from >= next && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        first = events.isEmpty() ? next : events.peekFirst().sequence();
        if (from < first) {
            return new Page(List.of(), ended, true, first);
        }
        List<Event> found = new ArrayList<>();
        for (Event e : events) {
            if (e.sequence() >= from) {
                found.add(e);
            }
        }
        return new Page(found, ended, false, first);
    }
}
