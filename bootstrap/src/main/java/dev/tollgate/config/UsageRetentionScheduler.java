package dev.tollgate.config;

import dev.tollgate.application.billing.service.UsageRetentionService;
import dev.tollgate.config.properties.UsageProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Prunes the usage records older than {@code tollgate.usage.retention} every {@code tollgate.usage.prune-interval}
 * (default 1 hour, first run one minute after the start); {@code POST /api/v1/admin/usage-prunings} runs one now.
 */
@Component
public class UsageRetentionScheduler extends PeriodicJobs {
    private final UsageRetentionService retention;
    private final Duration interval;

    public UsageRetentionScheduler(UsageRetentionService retention, UsageProperties usage) {
        super("usage-retention");
        this.retention = retention;
        this.interval = usage.pruneInterval();
    }

    @Override
    protected void schedule() {
        every(
                interval,
                Duration.ofMillis(Math.min(60_000, interval.toMillis())),
                "pruning the usage records",
                retention::prune);
    }
}
