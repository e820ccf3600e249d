package dev.tollgate.config;

import dev.tollgate.application.billing.port.in.ReconciliationUseCase;
import dev.tollgate.application.billing.service.ReconciliationService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
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
    private final java.util.concurrent.atomic.AtomicInteger drifts = new java.util.concurrent.atomic.AtomicInteger();
    private final Counter runs;

    public ReconciliationScheduler(ReconciliationService reconciliation,
            @Value("${tollgate.billing.reconciliation-interval:PT1H}") Duration interval, MeterRegistry registry) {
        super("reconciliation");
        this.reconciliation = reconciliation;
        this.interval = interval;
        Gauge.builder("tollgate.billing.reconciliation.drifts", drifts, java.util.concurrent.atomic.AtomicInteger::get)
                .description("accounts whose balance drifted from the stored one at the last reconciliation")
                .register(registry);
        this.runs = Counter.builder("tollgate.billing.reconciliation.runs").description("scheduled reconciliations")
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
