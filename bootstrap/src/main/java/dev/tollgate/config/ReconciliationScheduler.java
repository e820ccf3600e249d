package dev.tollgate.config;

import dev.tollgate.application.billing.service.ReconciliationService;
import dev.tollgate.config.properties.BillingProperties;
import java.time.Duration;
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
            BillingProperties billing) {
        super("reconciliation");
        this.reconciliation = reconciliation;
        this.interval = billing.reconciliationInterval();
    }

    @Override
    protected void schedule() {
        every(interval, interval, "reconciliation", reconciliation::reconcile);
    }
}
