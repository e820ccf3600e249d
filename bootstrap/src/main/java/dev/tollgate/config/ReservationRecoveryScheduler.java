package dev.tollgate.config;

import dev.tollgate.application.billing.service.ReservationRecovery;
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
 * Sends this process's heartbeat and releases abandoned reservations every {@code tollgate.billing.heartbeat-interval}
 * (default 10 s), the first time at start.
 */
@Component
public class ReservationRecoveryScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ReservationRecoveryScheduler.class);

    private final ReservationRecovery recovery;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public ReservationRecoveryScheduler(ReservationRecovery recovery,
            @Value("${tollgate.billing.heartbeat-interval:PT10S}") Duration interval) {
        this.recovery = recovery;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("reservation-recovery").factory());
        executor.scheduleWithFixedDelay(this::run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            recovery.heartbeat();
            recovery.releaseAbandoned();
        } catch (RuntimeException e) {
            log.warn("reservation heartbeat or recovery failed: {}", e.toString());
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
