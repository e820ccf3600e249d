package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records settled requests as events in batches (group commit): the relay hands an event over and goes on; a
 * single writer thread stores whatever has gathered every flush interval (or as soon as a batch is full) in one
 * transaction. A failed write is retried with the same batch, and the store skips request ids it already holds,
 * so a settlement is stored exactly once. A hard kill can lose at most the events of one flush interval.
 */
public class BillingJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BillingJournal.class);

    private final SettlementJournalPort store;
    private final Duration flushInterval;
    private final int maxBatch;
    private final LinkedBlockingQueue<RequestSettledEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicLong stored = new AtomicLong();
    private final Object flushed = new Object();
    private volatile boolean running;
    private Thread writer;

    public BillingJournal(SettlementJournalPort store, Duration flushInterval, int maxBatch) {
        this.store = store;
        this.flushInterval = flushInterval;
        this.maxBatch = maxBatch;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = Thread.ofPlatform().daemon().name("billing-journal").start(this::runLoop);
    }

    /** Hands a settlement over for storage; never blocks. */
    public void record(RequestSettledEvent event) {
        queue.add(event);
    }

    /** Settlements handed over and not stored yet. */
    public int pending() {
        return queue.size();
    }

    /** Number of settlements stored by this node since start. */
    public long storedCount() {
        return stored.get();
    }

    /** Waits until every settlement handed over so far is stored; false on time-out. */
    public boolean awaitFlushed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (flushed) {
            while (!queue.isEmpty() || inFlight) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    flushed.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private volatile boolean inFlight;

    private void runLoop() {
        List<RequestSettledEvent> batch = new ArrayList<>(maxBatch);
        long backoffMillis = 50;
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    RequestSettledEvent first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    inFlight = true;
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                }
                stored.addAndGet(store.append(batch));
                batch.clear();
                backoffMillis = 50;
                inFlight = false;
                synchronized (flushed) {
                    flushed.notifyAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("storing {} settlements failed, retrying in {} ms: {}", batch.size(), backoffMillis,
                        e.toString());
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /** Stops accepting the wait loop and stores everything still queued (waits up to 10 s). */
    @Override
    public void close() {
        running = false;
        Thread w = writer;
        if (w != null) {
            try {
                w.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
