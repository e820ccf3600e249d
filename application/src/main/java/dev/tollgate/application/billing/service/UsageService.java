package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.UsageQueryUseCase;
import dev.tollgate.application.billing.port.out.UsageRecordPort;
import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import java.util.List;

/** Usage records, scoped to the caller unless they are a platform admin. */
public class UsageService implements UsageQueryUseCase {
    private final UsageRecordPort records;

    public UsageService(UsageRecordPort records) {
        this.records = records;
    }

    @Override
    public UsagePage usage(UsageFilter filter, PageRequest page, Caller caller) {
        UsageFilter scoped = scoped(filter, caller);
        UsageTotals totals = records.totals(scoped);
        var items = records.find(scoped, page.page() * page.size(), page.size());
        return new UsagePage(new Page<>(items, page.page(), page.size(), totals.requests()), totals);
    }

    @Override
    public List<UsageTotals> summary(UsageFilter filter, UsageGrouping grouping, Caller caller) {
        return records.summary(scoped(filter, caller), grouping);
    }

    private static UsageFilter scoped(UsageFilter filter, Caller caller) {
        return caller.admin() ? filter : filter.withOwner(caller.userId());
    }
}
