package dev.tollgate.config;

import dev.tollgate.application.relay.service.RateLimiter;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Gives back to the shared rate-limit buckets what this process's expired leases left unused, every 250 ms, and
 * every lease at shutdown (best effort: the buckets refill anyway).
 */
@Component
public class RateLimitLeaseScheduler extends PeriodicJobs implements DisposableBean {
    private static final Duration INTERVAL = Duration.ofMillis(250);
    private final RateLimiter limiter;

    public RateLimitLeaseScheduler(RateLimiter limiter) {
        super("rate-limit-leases");
        this.limiter = limiter;
    }

    @Override
    protected void schedule() {
        every(INTERVAL, INTERVAL, "giving back expired rate-limit leases", () -> limiter.returnLeases(false));
    }

    @Override
    public void destroy() {
        limiter.returnLeases(true);
    }
}
