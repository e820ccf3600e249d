package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.billing.query.LedgerTotals;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audited trail of quota: every top-up, adjustment, debit and redemption (with actor and reason) and every settled
 * request. Admins read everyone's; a user only their own (their filter is forced to themselves).
 */
public interface LedgerUseCase {
    /** A page of entries (newest first) and the totals of the whole filter. */
    record LedgerPage(List<LedgerEntryView> entries, int page, int size, LedgerTotals totals) {
    }

    LedgerPage find(LedgerFilter filter, PageRequest page, Caller caller);

    /** The filter's entries oldest first, one by one (for a streamed CSV export). */
    void export(LedgerFilter filter, Caller caller, Consumer<LedgerEntryView> entry);

    /** A user's wallet balance at an instant, from the entries. */
    long balanceAt(String userId, Instant at, Caller caller);
}
