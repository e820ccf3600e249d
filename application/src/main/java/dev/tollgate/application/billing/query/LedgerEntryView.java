package dev.tollgate.application.billing.query;

import java.time.Instant;

/**
 * One change of a wallet: a top-up, adjustment, debit or redemption (positive or negative {@code amount}), or a
 * settled request (negative: what it cost).
 *
 * @param reference the request id of a settlement, the batch of a redemption, the debit id of a debit
 */
public record LedgerEntryView(Instant at, String ownerId, String tokenId, String kind, long amount, String reference,
        String reason, String actor) {
}
