package dev.tollgate.application.responses.service;

import dev.tollgate.application.responses.port.out.ResponseStorePort;
import dev.tollgate.application.responses.port.out.StoredResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps responses without a database write on the request's path: {@link #offer} puts a response in a bounded queue
 * and returns; one writer thread stores the queue in batches. Until a response is written, reads find it here (so a
 * {@code GET} right after the answer sees it). When the queue is full the response is not kept (the answer was
 * already sent; it is counted as {@link #dropped()} and logged), so a slow database never slows the relay or grows
 * the heap beyond {@code capacity} responses.
 */
public class ResponseArchive implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResponseArchive.class);

    private final ResponseStorePort store;
    private final BlockingQueue<StoredResponse> queue;
    private final Map<String, StoredResponse> unwritten = new ConcurrentHashMap<>();
    private final int batchSize;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public ResponseArchive(ResponseStorePort store, int capacity, int batchSize) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.writer = Thread.ofPlatform().daemon().name("response-archive").start(this::writeLoop);
    }

    /** Queues the response for writing; false (and not kept) when the queue is full. */
    public boolean offer(StoredResponse response) {
        unwritten.put(response.id(), response);
        if (queue.offer(response)) {
            return true;
        }
        unwritten.remove(response.id(), response);
        long n = dropped.incrementAndGet();
        if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th…: the log is not flooded
            log.warn("the response store's queue is full: {} responses not kept so far", n);
        }
        return false;
    }

    /** The response, from the queue when not written yet, else from the store (unless expired). */
    public Optional<StoredResponse> find(String id, Instant now) {
        StoredResponse pending = unwritten.get(id);
        if (pending != null) {
            return pending.expiresAt().isAfter(now) ? Optional.of(pending) : Optional.empty();
        }
        return store.find(id, now);
    }

    /** Deletes the response (also when it is still queued: it is then not written). */
    public boolean delete(String id) {
        boolean queued = unwritten.remove(id) != null;
        queue.removeIf(r -> r.id().equals(id));
        return store.delete(id) || queued;
    }

    /** Deletes at most {@code limit} responses past their retention from the store; returns how many. */
    public int deleteExpiredBefore(Instant now, int limit) {
        return store.deleteExpired(now, limit);
    }

    /** Responses not kept because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Responses waiting to be written. */
    public int queued() {
        return queue.size();
    }

    private void writeLoop() {
        List<StoredResponse> batch = new ArrayList<>(batchSize);
        while (!closed || !queue.isEmpty()) {
            try {
                StoredResponse first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                closed = true;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<StoredResponse> batch) {
        // one row per id, its latest state (a background response may be queued twice: queued, then in progress)
        Map<String, StoredResponse> latest = new LinkedHashMap<>();
        batch.forEach(r -> latest.put(r.id(), r));
        try {
            store.saveAll(List.copyOf(latest.values()));
        } catch (RuntimeException e) {
            log.warn("{} responses could not be stored: {}", batch.size(), e.toString());
        }
        batch.forEach(r -> unwritten.remove(r.id(), r));
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        writer.join(10_000);
    }
}
