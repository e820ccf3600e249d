package dev.tollgate.application.billing.port.out;

import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.common.Cursor;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The stored usage records (a projection of the settlement events). */
public interface UsageRecordPort {
    /** Newest first. */
    List<UsageRecordView> find(UsageFilter filter, int offset, int limit);

    /** Newest first, the records right after {@code after} (time, then request id): a keyset page, however deep. */
    List<UsageRecordView> findAfter(UsageFilter filter, Cursor after, int limit);

    /** The keyset position of a record, as {@link #findAfter} reads it. */
    static Cursor positionOf(UsageRecordView record) {
        return Cursor.of(record.at().toString(), record.requestId());
    }

    UsageTotals totals(UsageFilter filter);

    /**
     * Totals per group, largest cost first for models, keys, members and organisations, by day ascending for days. Whole UTC days are read
     * from the daily totals (kept when the records are pruned); the partial days at the edges of a time range that
     * does not start or end at midnight UTC from the records themselves.
     */
    List<UsageTotals> summary(UsageFilter filter, UsageGrouping grouping);

    /** The day before which every record has been pruned (or is being pruned), if any pruning ever ran. */
    Optional<LocalDate> prunedBefore();

    /**
     * Declares that the records before {@code day} are pruned (never moves backwards): from now on the ledger reads
     * those days from the daily totals. Called before the records are deleted.
     */
    void markPrunedBefore(LocalDate day);

    /** Deletes at most {@code limit} records of days before {@code day}, oldest first; returns how many. */
    int deleteBefore(LocalDate day, int limit);

    /** How records can be grouped. */
    enum UsageGrouping {
        DAY,
        MODEL,
        TOKEN,
        MEMBER,
        ORGANIZATION
    }
}
