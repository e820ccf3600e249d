package dev.tollgate.adapter.in.web.ledger;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.billing.port.in.ReconciliationUseCase;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/admin/reconciliations}: balances in memory against the stored ledger; expected: no drift. */
@RestController
public class ReconciliationController {
    private final ReconciliationUseCase reconciliation;

    public ReconciliationController(ReconciliationUseCase reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PlatformAdminOnly
    @PostMapping("/api/v1/admin/reconciliations")
    ReconciliationUseCase.Report reconcile(Authentication auth) {
        return reconciliation.reconcile(CurrentCaller.of(auth));
    }
}
