package dev.tollgate.config;

import dev.tollgate.application.billing.service.UsageRetentionService;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Prunes the usage records older than {@code tollgate.usage.retention} every {@code tollgate.usage.prune-interval}
 * (default 1 hour, first run one minute after the start); {@code POST /api/v1/admin/usage-prunings} runs one now.
 */
@Component
public class UsageRetentionScheduler extends PeriodicJobs {
    private final UsageRetentionService retention;
    private final Duration interval;

    public UsageRetentionScheduler(UsageRetentionService retention,
            @Value("${tollgate.usage.prune-interval:PT1H}") Duration interval) {
        super("usage-retention");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("tollgate.usage.prune-interval must be positive, not " + interval);
        }
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    protected void schedule() {
        every(interval, Duration.ofMillis(Math.min(60_000, interval.toMillis())), "pruning the usage records",
                retention::prune);
    }
}
