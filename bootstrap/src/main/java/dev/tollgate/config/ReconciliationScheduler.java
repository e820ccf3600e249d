package dev.tollgate.config;

import dev.tollgate.application.billing.service.ReconciliationService;
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
 * Reconciles the balances every {@code tollgate.billing.reconciliation-interval} (default 1 hour); a drift is logged
 * as a warning (and {@code POST /api/v1/admin/reconciliations} runs one on demand).
 */
@Component
public class ReconciliationScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ReconciliationScheduler.class);

    private final ReconciliationService reconciliation;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public ReconciliationScheduler(ReconciliationService reconciliation,
            @Value("${tollgate.billing.reconciliation-interval:PT1H}") Duration interval) {
        this.reconciliation = reconciliation;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("reconciliation").factory());
        executor.scheduleWithFixedDelay(this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            reconciliation.reconcile();
        } catch (RuntimeException e) {
            log.warn("reconciliation failed: {}", e.toString());
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
