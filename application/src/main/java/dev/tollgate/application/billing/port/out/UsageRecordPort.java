package dev.tollgate.application.billing.port.out;

import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import java.util.List;

/** The stored usage records (a projection of the settlement events). */
public interface UsageRecordPort {
    /** Newest first. */
    List<UsageRecordView> find(UsageFilter filter, int offset, int limit);

    UsageTotals totals(UsageFilter filter);

    /** Totals per group, largest cost first for models and keys, by day ascending for days. */
    List<UsageTotals> summary(UsageFilter filter, UsageGrouping grouping);

    /** How records can be grouped. */
    enum UsageGrouping { DAY, MODEL, TOKEN }
}
