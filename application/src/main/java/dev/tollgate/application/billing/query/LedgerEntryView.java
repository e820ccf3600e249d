package dev.tollgate.application.billing.query;

import java.time.Instant;

/**
 * One change of a wallet: a top-up, adjustment, debit, redemption or incentive (positive or negative {@code amount}),
 * a settled request (negative: what it cost), or a change of what is held for requests in flight: a
 * {@code reservation} (held up) or a {@code release} (held given back at settlement). {@code amount} is what the
 * entry does to the balance, {@code held} what it does to the units set aside: a reservation holds (+), the
 * settlement takes its cost out of the hold (−cost, and −cost from the balance), the release gives the rest back.
 * So the sum of {@code amount} is the balance and the sum of {@code held} what is still held.
 *
 * @param organizationId the wallet's organisation ({@code personal-<userId>} for a user's wallet)
 * @param memberId       the holder of the key of a request's entries; null for wallet changes
 * @param ownerId        the wallet's owner (the user of a personal organisation, the organisation otherwise)
 * @param reference      the request id of a request's entries, the batch of a redemption, the debit id of a debit
 */
public record LedgerEntryView(
        Instant at,
        String organizationId,
        String memberId,
        String ownerId,
        String tokenId,
        String kind,
        long amount,
        long held,
        String reference,
        String reason,
        String actor) {}
