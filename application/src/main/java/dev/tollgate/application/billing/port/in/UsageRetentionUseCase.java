package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import java.time.Duration;
import java.time.LocalDate;

/**
 * Bounded growth of the usage records: records older than the retention are deleted in small batches; the daily
 * totals (and so the summaries and the ledger's balances) are kept.
 */
public interface UsageRetentionUseCase {
    /** The outcome of a pruning: every record before {@code prunedBefore} (a UTC day) is gone. */
    record UsagePruning(Duration retention, LocalDate prunedBefore, long deleted) {}

    /** Prunes now (platform admins only). */
    UsagePruning prune(Caller caller);

    /** Prunes now (the scheduled job). */
    UsagePruning prune();
}
