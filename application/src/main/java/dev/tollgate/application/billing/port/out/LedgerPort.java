package dev.tollgate.application.billing.port.out;

import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.billing.query.LedgerTotals;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Reads the ledger: wallet changes and settled requests, newest first. */
public interface LedgerPort {
    List<LedgerEntryView> find(LedgerFilter filter, int offset, int limit);

    LedgerTotals totals(LedgerFilter filter);

    /** Every entry of the filter, oldest first, handed over one by one (never all held in memory). */
    void each(LedgerFilter filter, Consumer<LedgerEntryView> entry);

    /** The wallet's balance at an instant: the sum of its entries up to and including it. */
    long balanceAt(String ownerId, Instant at);

    /** Every wallet's balance from the stored entries, by owner. */
    java.util.Map<String, Long> balances();

    /** What every key has spent, from the stored settlements, by key. */
    java.util.Map<String, Long> spentByKey();
}
