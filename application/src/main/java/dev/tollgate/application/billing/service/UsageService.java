package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.UsageQueryUseCase;
import dev.tollgate.application.billing.port.out.UsageRecordPort;
import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageRecordView;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import java.util.List;

/**
 * Usage records, scoped like the ledger ({@link BillingVisibility}): platform admins everything; an organisation's
 * owner and admins its records; everyone their personal organisation's and those of the keys they hold.
 */
public class UsageService implements UsageQueryUseCase {
    private final UsageRecordPort records;
    private final BillingVisibility visibility;

    public UsageService(UsageRecordPort records, OrganizationDirectory organizations) {
        this.records = records;
        this.visibility = new BillingVisibility(organizations);
    }

    @Override
    public UsagePage usage(UsageFilter filter, PageRequest page, Caller caller) {
        UsageFilter scoped = scoped(filter, caller);
        UsageTotals totals = records.totals(scoped);
        var items = records.find(scoped, page.offset(), page.size());
        return new UsagePage(new Page<>(items, page.page(), page.size(), totals.requests()), totals);
    }

    @Override
    public CursorPage<UsageRecordView> scroll(UsageFilter filter, CursorRequest page, Caller caller) {
        return CursorPage.of(
                records.findAfter(scoped(filter, caller), page.after(), page.fetch()),
                page,
                UsageRecordPort::positionOf);
    }

    @Override
    public List<UsageTotals> summary(UsageFilter filter, UsageGrouping grouping, Caller caller) {
        return records.summary(scoped(filter, caller), grouping);
    }

    private UsageFilter scoped(UsageFilter filter, Caller caller) {
        return filter.withScope(visibility.scope(filter.organizationId(), caller));
    }
}
