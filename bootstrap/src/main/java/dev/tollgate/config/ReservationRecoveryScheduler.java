package dev.tollgate.config;

import dev.tollgate.application.billing.service.ReservationRecovery;
import dev.tollgate.config.properties.BillingProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Sends this process's heartbeat and releases abandoned reservations every {@code tollgate.billing.heartbeat-interval}
 * (default 10 s), the first time at start.
 */
@Component
public class ReservationRecoveryScheduler extends PeriodicJobs {
    private final ReservationRecovery recovery;
    private final Duration interval;

    public ReservationRecoveryScheduler(ReservationRecovery recovery, BillingProperties billing) {
        super("reservation-recovery");
        this.recovery = recovery;
        this.interval = billing.heartbeatInterval();
    }

    @Override
    protected void schedule() {
        every(interval, Duration.ZERO, "reservation heartbeat or recovery", () -> {
            recovery.heartbeat();
            recovery.releaseAbandoned();
        });
    }
}
