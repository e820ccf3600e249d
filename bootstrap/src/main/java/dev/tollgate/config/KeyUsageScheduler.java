package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.ratelimit.RateLimitBucketsPersistenceAdapter;
import dev.tollgate.application.token.service.LastUsedTracker;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the keys' last-used times every {@code tollgate.keys.last-used-flush-interval} (default 30 s, and once more
 * on shutdown), and deletes rate-limit buckets that have been full for a minute every minute (they come back full
 * when used again).
 */
@Component
public class KeyUsageScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(KeyUsageScheduler.class);
    private static final int EXPIRED_BATCH = 1_000;

    private final LastUsedTracker lastUsed;
    private final RateLimitBucketsPersistenceAdapter buckets;
    private final Duration flushInterval;
    private ScheduledExecutorService executor;

    public KeyUsageScheduler(LastUsedTracker lastUsed, RateLimitBucketsPersistenceAdapter buckets,
            @Value("${tollgate.keys.last-used-flush-interval:PT30S}") Duration flushInterval) {
        this.lastUsed = lastUsed;
        this.buckets = buckets;
        this.flushInterval = flushInterval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("key-usage").factory());
        executor.scheduleWithFixedDelay(lastUsed::flush, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::removeExpiredBuckets, 1, 1, TimeUnit.MINUTES);
    }

    private void removeExpiredBuckets() {
        try {
            while (buckets.removeExpired(EXPIRED_BATCH) == EXPIRED_BATCH) {
                log.debug("removed {} expired rate-limit buckets", EXPIRED_BATCH);
            }
        } catch (RuntimeException e) {
            log.warn("could not remove expired rate-limit buckets: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            lastUsed.flush();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
