package dev.tollgate.adapter.in.web.usage;

import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.billing.port.in.UsageRetentionUseCase;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/usage-prunings} (platform admins): deletes now the usage records older than the retention
 * ({@code tollgate.usage.retention}), as the scheduled job does; the daily totals stay.
 */
@RestController
public class UsageRetentionController {
    private final UsageRetentionUseCase retention;

    public UsageRetentionController(UsageRetentionUseCase retention) {
        this.retention = retention;
    }

    @PlatformAdminOnly
    @PostMapping("/api/v1/admin/usage-prunings")
    UsageRetentionUseCase.UsagePruning prune(Authentication auth) {
        return retention.prune(CurrentCaller.of(auth));
    }
}
