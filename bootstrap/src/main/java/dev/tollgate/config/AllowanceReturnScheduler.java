package dev.tollgate.config;

import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.config.properties.BillingProperties;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Gives this process's unused quota allowances back to the database, so another process can use them: of pools
 * without a reservation for {@code tollgate.billing.allowance-idle} (default 1 s) and of pools another process found
 * short, checked every {@code tollgate.billing.allowance-return-interval} (default 200 ms); and all of them when the
 * application shuts down (after the requests in flight have finished).
 */
@Component
public class AllowanceReturnScheduler extends PeriodicJobs implements DisposableBean {
    private final QuotaLedger ledger;
    private final Duration idle;
    private final Duration interval;

    public AllowanceReturnScheduler(QuotaLedger ledger, BillingProperties billing) {
        super("allowance-return");
        this.ledger = ledger;
        this.idle = billing.allowanceIdle();
        this.interval = billing.allowanceReturnInterval();
    }

    @Override
    protected void schedule() {
        every(interval, interval, "giving back unused quota allowances", () -> ledger.returnAllowances(idle));
    }

    @Override
    public void destroy() {
        ledger.returnAllowances(Duration.ZERO);
    }
}
