package dev.tollgate.config;

import dev.tollgate.application.billing.service.ReconciliationService;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reconciles the balances every {@code tollgate.billing.reconciliation-interval} (default 1 hour); a drift is logged
 * as a warning (and {@code POST /api/v1/admin/reconciliations} runs one on demand).
 */
@Component
public class ReconciliationScheduler extends PeriodicJobs {
    private final ReconciliationService reconciliation;
    private final Duration interval;

    public ReconciliationScheduler(ReconciliationService reconciliation,
            @Value("${tollgate.billing.reconciliation-interval:PT1H}") Duration interval) {
        super("reconciliation");
        this.reconciliation = reconciliation;
        this.interval = interval;
    }

    @Override
    protected void schedule() {
        every(interval, interval, "reconciliation", reconciliation::reconcile);
    }
}
