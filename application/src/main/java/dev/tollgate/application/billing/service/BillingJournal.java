package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records relayed requests' reservations and settlements as events in batches (group commit): the relay hands an
 * event over and goes on (or, for a reservation in {@code sync} durability, waits until its batch is stored); a
 * single writer thread stores whatever has gathered every flush interval (or as soon as a batch is full) in one
 * transaction, in the order handed over, so a request's reservation is never stored after its settlement. A failed
 * write is retried with the same batch, and the store skips events it already holds, so each is stored exactly once.
 * A hard kill can lose at most the events handed over and not stored yet: at most {@code maxPending} waiting (new
 * requests wait for room beyond that, {@link #awaitCapacity()}) plus the batch being written ({@code maxBatch}).
 *
 * <p>While the store is down (a database outage) the relay goes on from memory, and the settlements gather here. What
 * they charge, the spending the database has not seen, is bounded per process by {@code maxUnsettledSpending} quota
 * units: beyond it every new request is refused ({@link JournalUnavailableException}, 503 {@code billing_unavailable})
 * until the store takes the settlements. Requests already admitted still settle, so the bound is exceeded by at most
 * the holds of the requests in flight when it was reached.
 */
public class BillingJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BillingJournal.class);

    private final SettlementJournalPort store;
    private final Duration flushInterval;
    private final int maxBatch;
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final AtomicLong stored = new AtomicLong();
    private final Object flushed = new Object();
    private volatile boolean running;
    private Thread writer;

    /**
     * When the relay may call the upstream after holding quota.
     *
     * <ul>
     *   <li>{@code ASYNC}: at once; the reservation is stored with the next batch. A hard kill loses at most the
     *       events of one flush interval (and the batch being written), reservations and settlements alike.</li>
     *   <li>{@code SYNC}: only once the reservation is stored. After a hard kill every reservation of a request that
     *       may have reached the upstream is on record, and is released when its process is known to be gone.</li>
     * </ul>
     */
    public enum Durability {
        ASYNC,
        SYNC
    }

    private final Durability durability;
    private final Duration syncTimeout;
    private final String node;
    private final int maxPending;
    private final long maxUnsettledSpending;

    /**
     * The highest limit of unsettled spending (2,000,000 USD): each settlement counts at most the limit, so the count
     * cannot overflow with any number of waiting events a heap holds.
     */
    public static final long MAX_UNSETTLED_SPENDING = 1_000_000_000_000L;

    /** Units charged by the settlements handed over and not stored yet (waiting, and in the batch being written). */
    private final AtomicLong unsettledSpending = new AtomicLong();

    /** An asynchronous journal of a process with a new random id. */
    public BillingJournal(SettlementJournalPort store, Duration flushInterval, int maxBatch) {
        this(
                store,
                flushInterval,
                maxBatch,
                Durability.ASYNC,
                Duration.ofSeconds(5),
                UUID.randomUUID().toString(),
                maxBatch);
    }

    /**
     * @param syncTimeout how long a request waits for its reservation to be stored in {@code SYNC} durability
     * @param node        this process's id, recorded with its reservations (new at every start)
     * @param maxPending  events waiting to be stored (not yet taken by the writer) beyond which a new request waits
     *                    for room ({@link #awaitCapacity()}): back-pressure when the store falls behind
     */
    public BillingJournal(
            SettlementJournalPort store,
            Duration flushInterval,
            int maxBatch,
            Durability durability,
            Duration syncTimeout,
            String node,
            int maxPending) {
        this(store, flushInterval, maxBatch, durability, syncTimeout, node, maxPending, MAX_UNSETTLED_SPENDING);
    }

    /**
     * @param maxUnsettledSpending quota units charged by settlements not stored yet beyond which new requests are
     *     refused at once (a database outage must not let a process spend without bound)
     */
    public BillingJournal(
            SettlementJournalPort store,
            Duration flushInterval,
            int maxBatch,
            Durability durability,
            Duration syncTimeout,
            String node,
            int maxPending,
            long maxUnsettledSpending) {
        if (maxUnsettledSpending <= 0 || maxUnsettledSpending > MAX_UNSETTLED_SPENDING) {
            throw new IllegalArgumentException(
                    "the unsettled spending limit must be between 1 and " + MAX_UNSETTLED_SPENDING + " units");
        }
        this.maxUnsettledSpending = maxUnsettledSpending;
        this.maxPending = maxPending;
        this.store = store;
        this.flushInterval = flushInterval;
        this.maxBatch = maxBatch;
        this.durability = durability;
        this.syncTimeout = syncTimeout;
        this.node = node;
    }

    public Durability durability() {
        return durability;
    }

    /** This process's id, as recorded with its reservations. */
    public String node() {
        return node;
    }

    /**
     * Records that quota was held for a request, before its upstream call: in {@code SYNC} durability returns only
     * once the reservation is stored (or throws {@link JournalUnavailableException}), in {@code ASYNC} at once.
     */
    public void recordReservation(QuotaReservedEvent reservation) {
        if (durability == Durability.SYNC) {
            recordDurably(reservation, syncTimeout);
        } else {
            try {
                awaitCapacity();
            } finally {
                record(reservation); // refused or not: its settlement follows, and must not come first
            }
        }
    }

    /**
     * Returns at once while fewer than {@code maxPending} events wait to be stored; otherwise waits until the writer
     * has taken enough of them (back-pressure on every new request, with or without a reservation, so that what a
     * kill can lose stays bounded however slow the store gets). A request waits for room in the queue, never for
     * the events queued before it to be stored. Throws {@link JournalUnavailableException} when no room is made
     * within the sync time-out (the store is down or far behind).
     */
    public void awaitCapacity() {
        long unsettled = unsettledSpending.get();
        if (unsettled >= maxUnsettledSpending) {
            throw new JournalUnavailableException("this node has charged " + unsettled + " quota units that the "
                    + "billing store has not recorded yet (limit " + maxUnsettledSpending + "; is the database down?)");
        }
        if (queue.size() < maxPending) {
            return;
        }
        long deadline = System.nanoTime() + syncTimeout.toNanos();
        room.lock();
        try {
            while (queue.size() >= maxPending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new JournalUnavailableException(queue.size() + " billing events are waiting to be "
                            + "stored; the billing store made no room within " + syncTimeout.toMillis() + " ms");
                }
                roomMade.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while waiting for the billing store");
        } finally {
            room.unlock();
        }
    }

    private final ReentrantLock room = new ReentrantLock();
    private final Condition roomMade = room.newCondition();

    /** Wakes the requests waiting for room, after the writer took events from the queue. */
    private void signalRoom() {
        room.lock();
        try {
            roomMade.signalAll();
        } finally {
            room.unlock();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = Thread.ofPlatform().daemon().name("billing-journal").start(this::runLoop);
    }

    /** An event waiting to be stored, and who waits for it (null: nobody). */
    private record Entry(RequestEvent event, CompletableFuture<Void> stored) {}

    /** Hands an event over for storage; never blocks. */
    public void record(RequestEvent event) {
        enqueue(new Entry(event, null));
    }

    private void enqueue(Entry entry) {
        long charged = charged(entry.event());
        if (charged > 0) {
            unsettledSpending.addAndGet(charged);
        }
        queue.add(entry);
    }

    /** What a settlement charged, counted up to the limit (no single one can make the count overflow). */
    private long charged(RequestEvent event) {
        return event instanceof RequestSettledEvent settled
                ? Math.min(Math.max(0, settled.cost()), maxUnsettledSpending)
                : 0;
    }

    /** Quota units charged by settlements handed over and not stored yet. */
    public long unsettledSpending() {
        return unsettledSpending.get();
    }

    /**
     * Hands an event over and waits until the batch holding it is stored (or was already stored). Throws
     * {@link JournalUnavailableException} when that takes longer than {@code timeout}; the event stays queued and is
     * stored when the store is back.
     */
    public void recordDurably(RequestEvent event, Duration timeout) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        enqueue(new Entry(event, stored));
        try {
            stored.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new JournalUnavailableException(
                    "the billing store did not confirm within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailableException("interrupted while waiting for the billing store");
        } catch (ExecutionException e) {
            throw new JournalUnavailableException("the billing store failed: " + e.getCause());
        }
    }

    /** The billing store did not confirm an event in time. */
    public static final class JournalUnavailableException extends RuntimeException {
        JournalUnavailableException(String message) {
            super(message);
        }
    }

    /** Events handed over and not stored yet (waiting, and in the batch being written). */
    public int pending() {
        return queue.size() + writing;
    }

    /** Size of the batch being written (0 when none). */
    private volatile int writing;

    /** Number of events stored by this node since start. */
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

    /** {@link System#nanoTime()} of the first failed write since the last stored batch; valid while failure is set. */
    private volatile long failingSince;

    /** Why the last write failed; null when the last write was stored. */
    private volatile String failure;

    /** Why the store refuses this journal's batches (null when the last one was stored). */
    public String failure() {
        return failure;
    }

    /** How long the store has refused every batch (zero when the last one was stored). */
    public Duration failingFor() {
        return failure == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - failingSince);
    }

    private void runLoop() {
        List<Entry> batch = new ArrayList<>(maxBatch);
        long backoffMillis = 50;
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Entry first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    inFlight = true;
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    writing = batch.size();
                    signalRoom();
                }
                stored.addAndGet(store.append(batch.stream().map(Entry::event).toList()));
                long charged = 0;
                for (Entry e : batch) {
                    charged += charged(e.event());
                    if (e.stored() != null) {
                        e.stored().complete(null);
                    }
                }
                unsettledSpending.addAndGet(-charged);
                failure = null;
                batch.clear();
                writing = 0;
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
                if (failure == null) {
                    failingSince = System.nanoTime();
                }
                failure = e.toString();
                log.warn(
                        "storing {} settlements failed, retrying in {} ms: {}",
                        batch.size(),
                        backoffMillis,
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
