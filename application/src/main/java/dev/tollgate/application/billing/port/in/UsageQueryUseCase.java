package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import java.util.List;

/**
 * Read usage records: platform admins read everyone's; an organisation's owner and admins its records; everyone the
 * records of their personal organisation and of the keys they hold. An organisation the caller does not belong to is
 * not found.
 */
public interface UsageQueryUseCase {
    /** A page of records and the totals over every record the filter selects. */
    UsagePage usage(UsageFilter filter, PageRequest page, Caller caller);

    /** The same records by keyset: newest first, right after the cursor, as deep as they go; no totals. */
    CursorPage<UsageRecordView> scroll(UsageFilter filter, CursorRequest page, Caller caller);

    List<UsageTotals> summary(UsageFilter filter, UsageGrouping grouping, Caller caller);

    /** A page of records with totals over all pages. */
    record UsagePage(Page<UsageRecordView> records, UsageTotals totals) {}
}
