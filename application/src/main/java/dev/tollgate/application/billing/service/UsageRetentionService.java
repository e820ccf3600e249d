package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.UsageRetentionUseCase;
import dev.tollgate.application.billing.port.out.UsageRecordPort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the usage records of whole UTC days older than the retention, {@code batchSize} rows per statement (short
 * transactions, no long lock on the table the billing journal writes to). The day's totals stay in the daily table.
 * Pruning first moves the ledger's boundary, then deletes, so the ledger never counts a day twice or not at all.
 */
public class UsageRetentionService implements UsageRetentionUseCase {
    /** At least one day: the summaries of the current day are never read from pruned records. */
    public static final Duration MIN_RETENTION = Duration.ofDays(1);
    /** At most 100 years, a guard against a unit typo. */
    public static final Duration MAX_RETENTION = Duration.ofDays(36_500);

    private static final Logger log = LoggerFactory.getLogger(UsageRetentionService.class);

    private final UsageRecordPort records;
    private final ClockPort clock;
    private final Duration retention;
    private final int batchSize;

    public UsageRetentionService(UsageRecordPort records, ClockPort clock, Duration retention, int batchSize) {
        if (retention == null || retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
            throw new InvalidValueException(
                    "tollgate.usage.retention",
                    "tollgate.usage.retention must be between P1D and P36500D (ISO-8601, e.g. P90D), not " + retention);
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new InvalidValueException(
                    "tollgate.usage.prune-batch-size",
                    "tollgate.usage.prune-batch-size must be 1 to 100000, not " + batchSize);
        }
        this.records = records;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Override
    public UsagePruning prune(Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may prune usage records");
        }
        return prune();
    }

    @Override
    public UsagePruning prune() {
        LocalDate before = LocalDate.ofInstant(clock.now().minus(retention), ZoneOffset.UTC);
        records.markPrunedBefore(before);
        long deleted = 0;
        int n;
        do {
            n = records.deleteBefore(before, batchSize);
            deleted += n;
        } while (n == batchSize);
        if (deleted > 0) {
            log.info("pruned {} usage records of the days before {} (retention {})", deleted, before, retention);
        }
        return new UsagePruning(retention, records.prunedBefore().orElse(before), deleted);
    }
}
