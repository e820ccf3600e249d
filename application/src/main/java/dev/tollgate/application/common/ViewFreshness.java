package dev.tollgate.application.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets an admin call read its own write: the in-memory views are updated asynchronously by an event processor,
 * so after a command the service waits until the views have applied the aggregate's new version.
 */
public class ViewFreshness {
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** Called by the views after they applied the event with this sequence number of this aggregate. */
    public void applied(String aggregateId, long sequenceNumber) {
        applied.merge(aggregateId, sequenceNumber, Math::max);
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the views applied at least {@code version} of the aggregate; false on time-out. */
    public boolean await(String aggregateId, long version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (applied.getOrDefault(aggregateId, -1L) < version) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
