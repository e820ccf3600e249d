package dev.tollgate.domain.billing;

import java.util.Optional;

/**
 * The limited sums one request draws on together — the key's quota, the member's budget for the month, the paying
 * wallet — and the rule that admits a hold on them: a request may set aside at most what the tightest of them leaves,
 * and nothing at all (not even zero) once one of them has nothing left. A part that does not limit the request is
 * absent ({@code null}): an unlimited key, a member without a budget, the root operator's keys (no wallet).
 *
 * @param key    the key's quota, or null when the key is unlimited
 * @param budget the member's budget this month, or null when none limits the key
 * @param wallet the paying wallet (its funds: credited less debited), or null when none is enforced
 */
public record QuotaScope(Part key, Part budget, Part wallet) {
    /**
     * One limited sum.
     *
     * @param account what is spent and held on it
     * @param limit   what may be spent in all
     */
    public record Part(QuotaAccount account, long limit) {
        public Part {
            if (account == null) {
                throw new IllegalArgumentException("a part of a quota scope needs its account");
            }
        }

        long left() {
            return account.left(limit);
        }

        Part hold(long amount) {
            return new Part(account.hold(amount), limit);
        }
    }

    /** Whether any part limits the request. */
    public boolean limited() {
        return key != null || budget != null || wallet != null;
    }

    /**
     * What the tightest part leaves (its limit less spent and held): {@code Long.MAX_VALUE} when nothing limits; may
     * be negative when a limit was lowered below the spending.
     */
    public long left() {
        long left = Long.MAX_VALUE;
        for (Part part : new Part[] {key, budget, wallet}) {
            if (part != null) {
                left = Math.min(left, part.left());
            }
        }
        return left;
    }

    /** What a request may still hold: {@link #left()}, never below zero. */
    public long free() {
        return Math.max(0, left());
    }

    /**
     * Sets {@code amount} aside on every part, or refuses (empty) when the tightest part cannot cover it or has
     * nothing left.
     */
    public Optional<QuotaScope> hold(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("a hold is never negative");
        }
        long left = left();
        if (amount > left || left <= 0) {
            return Optional.empty();
        }
        return Optional.of(new QuotaScope(
                key == null ? null : key.hold(amount),
                budget == null ? null : budget.hold(amount),
                wallet == null ? null : wallet.hold(amount)));
    }
}
