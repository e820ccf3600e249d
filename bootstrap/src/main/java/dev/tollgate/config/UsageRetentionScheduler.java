package dev.tollgate.config;

import dev.tollgate.application.billing.service.UsageRetentionService;
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
 * Prunes the usage records older than {@code tollgate.usage.retention} every {@code tollgate.usage.prune-interval}
 * (default 1 hour, first run one minute after the start); {@code POST /api/v1/admin/usage-prunings} runs one now.
 */
@Component
public class UsageRetentionScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(UsageRetentionScheduler.class);

    private final UsageRetentionService retention;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public UsageRetentionScheduler(UsageRetentionService retention,
            @Value("${tollgate.usage.prune-interval:PT1H}") Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("tollgate.usage.prune-interval must be positive, not " + interval);
        }
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("usage-retention").factory());
        executor.scheduleWithFixedDelay(this::run, Math.min(60_000, interval.toMillis()), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            retention.prune();
        } catch (RuntimeException e) {
            log.warn("pruning the usage records failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
