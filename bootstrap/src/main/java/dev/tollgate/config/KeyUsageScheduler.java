package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.ratelimit.RateLimitBucketsPersistenceAdapter;
import dev.tollgate.application.token.service.LastUsedTracker;
import dev.tollgate.config.properties.KeysProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores the keys' last-used times every {@code tollgate.keys.last-used-flush-interval} (default 30 s, and once more
 * on shutdown), and deletes rate-limit buckets that have been full for a minute every minute (they come back full
 * when used again).
 */
@Component
public class KeyUsageScheduler extends PeriodicJobs {
    private static final Logger log = LoggerFactory.getLogger(KeyUsageScheduler.class);
    private static final int EXPIRED_BATCH = 1_000;

    private final LastUsedTracker lastUsed;
    private final RateLimitBucketsPersistenceAdapter buckets;
    private final Duration flushInterval;

    public KeyUsageScheduler(
            LastUsedTracker lastUsed, RateLimitBucketsPersistenceAdapter buckets, KeysProperties keys) {
        super("key-usage");
        this.lastUsed = lastUsed;
        this.buckets = buckets;
        this.flushInterval = keys.lastUsedFlushInterval();
    }

    @Override
    protected void schedule() {
        every(flushInterval, flushInterval, "flushing keys' last-used times", lastUsed::flush);
        every(
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                "removing expired rate-limit buckets",
                this::removeExpiredBuckets);
    }

    private void removeExpiredBuckets() {
        while (buckets.removeExpired(EXPIRED_BATCH) == EXPIRED_BATCH) {
            log.debug("removed {} expired rate-limit buckets", EXPIRED_BATCH);
        }
    }

    @Override
    protected void stopped() {
        lastUsed.flush();
    }
}
