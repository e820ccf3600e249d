package dev.tollgate.application.billing.port.out;

import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.billing.query.LedgerTotals;
import dev.tollgate.application.common.Cursor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the ledger: wallet changes, settled requests and their holds, newest first. */
public interface LedgerPort {
    List<LedgerEntryView> find(LedgerFilter filter, int offset, int limit);

    /**
     * Newest first, the entries right after {@code after} (time, then each entry's own unique id): a keyset page,
     * however deep. Entries of the same instant may come in another order than {@link #find}'s.
     */
    List<PositionedEntry> findAfter(LedgerFilter filter, Cursor after, int limit);

    LedgerTotals totals(LedgerFilter filter);

    /** An entry and its keyset position. */
    record PositionedEntry(LedgerEntryView entry, Cursor position) {}

    /** Every entry of the filter, oldest first, handed over one by one (never all held in memory). */
    void each(LedgerFilter filter, Consumer<LedgerEntryView> entry);

    /**
     * The balance of an organisation's wallet ({@code personal-<userId>}: the user's wallet) at an instant: the sum
     * of its entries' amounts up to and including it.
     */
    long balanceAt(String organizationId, Instant at);

    /** Every wallet's balance from the stored entries, by the wallet's organisation. */
    Map<String, Long> balances();

    /** What every key has spent, from the stored settlements, by key. */
    Map<String, Long> spentByKey();
}
