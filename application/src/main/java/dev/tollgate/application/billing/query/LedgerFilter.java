package dev.tollgate.application.billing.query;

import java.time.Instant;

/**
 * Which ledger entries to read; a null field does not filter.
 *
 * @param kind {@code settlement}, {@code top_up}, {@code adjustment}, {@code debit} or {@code redemption}
 */
public record LedgerFilter(String ownerId, String tokenId, String kind, Instant from, Instant to) {
}
