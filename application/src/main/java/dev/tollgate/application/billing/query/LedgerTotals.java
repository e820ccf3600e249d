package dev.tollgate.application.billing.query;

/**
 * Totals of a filtered ledger.
 *
 * @param entries  how many entries
 * @param credited units credited (the positive amounts)
 * @param taken    units taken (the negative amounts, as a positive number)
 * @param reserved units held by reservations (the held amounts of {@code reservation} entries)
 * @param released units given back by releases (as a positive number)
 * @param held     the net change of what is held (the sum of every entry's {@code held}: reserved − released − the
 *                 costs settled out of holds); over a wallet's whole ledger, what its open reservations hold
 */
public record LedgerTotals(long entries, long credited, long taken, long reserved, long released, long held) {
    /** The net change of the balance (credited − taken). */
    public long net() {
        return credited - taken;
    }
}
