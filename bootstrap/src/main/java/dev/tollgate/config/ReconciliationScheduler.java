package dev.tollgate.config;

import dev.tollgate.application.billing.port.in.ReconciliationUseCase;
import dev.tollgate.application.billing.service.ReconciliationService;
import dev.tollgate.config.properties.BillingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Reconciles the balances every {@code tollgate.billing.reconciliation-interval} (default 1 hour); a drift is logged
 * as a warning (and {@code POST /api/v1/admin/reconciliations} runs one on demand). Each scheduled run sets
 * {@code tollgate_billing_reconciliation_drifts} (accounts whose balance in memory differs from the stored one) and
 * counts {@code tollgate_billing_reconciliation_runs_total}.
 */
@Component
public class ReconciliationScheduler extends PeriodicJobs {
    private final ReconciliationService reconciliation;
    private final Duration interval;
    private final AtomicInteger drifts = new AtomicInteger();
    private final Counter runs;

    public ReconciliationScheduler(
            ReconciliationService reconciliation, BillingProperties billing, MeterRegistry registry) {
        super("reconciliation");
        this.reconciliation = reconciliation;
        this.interval = billing.reconciliationInterval();
        Gauge.builder("tollgate.billing.reconciliation.drifts", drifts, AtomicInteger::get)
                .description("accounts whose balance drifted from the stored one at the last reconciliation")
                .register(registry);
        this.runs = Counter.builder("tollgate.billing.reconciliation.runs")
                .description("scheduled reconciliations")
                .register(registry);
    }

    @Override
    protected void schedule() {
        every(interval, interval, "reconciliation", this::reconcile);
    }

    private void reconcile() {
        ReconciliationUseCase.Report report = reconciliation.reconcile();
        drifts.set(report.drifts().size());
        runs.increment();
    }
}
