package dev.tollgate.application.billing.query;

import java.time.Instant;
import java.util.List;

/**
 * Which ledger entries to read; a null field does not filter. {@code to} is exclusive.
 *
 * @param organizationId the wallet's organisation ({@code personal-<userId>} for a user's wallet)
 * @param memberId       the holder of the key (wallet entries have none)
 * @param kinds          any of {@code settlement}, {@code reservation}, {@code release}, {@code top_up},
 *                       {@code adjustment}, {@code debit}, {@code redemption}, {@code incentive}
 * @param scope          what the caller may see at all
 */
public record LedgerFilter(
        String organizationId,
        String memberId,
        String tokenId,
        List<String> kinds,
        Instant from,
        Instant to,
        BillingScope scope) {
    public LedgerFilter {
        kinds = kinds == null || kinds.isEmpty() ? null : List.copyOf(kinds);
        scope = scope == null ? BillingScope.ALL : scope;
    }

    /** Unscoped, by organisation, member, key and one kind. */
    public LedgerFilter(String organizationId, String memberId, String tokenId, String kind, Instant from, Instant to) {
        this(organizationId, memberId, tokenId, kind == null ? null : List.of(kind), from, to, BillingScope.ALL);
    }

    public LedgerFilter withScope(BillingScope newScope) {
        return new LedgerFilter(organizationId, memberId, tokenId, kinds, from, to, newScope);
    }
}
