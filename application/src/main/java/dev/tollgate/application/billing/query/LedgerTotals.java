package dev.tollgate.application.billing.query;

/** Totals of a filtered ledger: entries, units credited (positive amounts) and units taken (negative amounts). */
public record LedgerTotals(long entries, long credited, long taken) {
    public long net() {
        return credited - taken;
    }
}
