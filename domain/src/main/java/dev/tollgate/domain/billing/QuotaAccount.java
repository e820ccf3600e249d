package dev.tollgate.domain.billing;

import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.common.InvalidValueException;

/**
 * What has been spent and what is held on one limited sum — a key's quota, a member's budget for a month, a wallet —
 * and the rules of money on it: what a limit leaves free, a hold for a request in flight, a hold released, a charge.
 * Exact integer arithmetic throughout: an overflow is an error, never a wrap; nothing goes below zero.
 *
 * @param spent units charged by settled requests (a wallet's credits and debits are kept beside it)
 * @param held  units set aside for requests in flight
 */
public record QuotaAccount(long spent, long held) {
    /** Nothing spent, nothing held. */
    public static final QuotaAccount EMPTY = new QuotaAccount(0, 0);

    public QuotaAccount {
        if (spent < 0 || held < 0) {
            throw new InvalidValueException("quota", "spent and held units are never negative");
        }
    }

    /**
     * What a request may still be charged under {@code limit}: the limit less what is spent and held; may be
     * negative when a limit was lowered below the spending.
     */
    public long left(long limit) {
        return Math.subtractExact(Math.subtractExact(limit, spent), held);
    }

    /** What is free under {@code limit} ({@code null}: no limit, {@code Long.MAX_VALUE}); never below zero. */
    public long free(Long limit) {
        return limit == null ? Long.MAX_VALUE : Math.max(0, left(limit));
    }

    /** Sets {@code amount} aside for a request in flight. */
    public QuotaAccount hold(long amount) {
        requireNotNegative(amount);
        return new QuotaAccount(spent, Math.addExact(held, amount));
    }

    /** Ends a hold of {@code amount}. */
    public QuotaAccount release(long amount) {
        requireNotNegative(amount);
        return new QuotaAccount(spent, Math.subtractExact(held, amount));
    }

    /** Counts {@code amount} as spent (a settled charge, of this process or of another). */
    public QuotaAccount charge(long amount) {
        requireNotNegative(amount);
        return new QuotaAccount(Math.addExact(spent, amount), held);
    }

    /** Ends a hold of {@code heldAmount} with the charge {@code charged}. */
    public QuotaAccount settle(long heldAmount, long charged) {
        return release(heldAmount).charge(charged);
    }

    /** The account after a request's hold ({@link RequestCharge#hold}): its amount set aside. */
    public QuotaAccount apply(QuotaReservedEvent event) {
        return hold(event.amount());
    }

    /** The account after a request's settlement ({@link RequestCharge#settle}): its hold ended with its charge. */
    public QuotaAccount apply(RequestSettledEvent event) {
        return settle(event.reserved(), event.cost());
    }

    /** The spending as stored ({@code spent}), what is held unchanged: a start from a snapshot. */
    public QuotaAccount withSpent(long spent) {
        return new QuotaAccount(spent, held);
    }

    /** A new period (a budget's month): nothing spent yet, what is held still held. */
    public QuotaAccount newPeriod() {
        return new QuotaAccount(0, held);
    }

    /**
     * What a request that held {@code held} is charged for a cost of {@code cost}: the cost, but never more than the
     * hold when something limited the request (the output limit sent upstream was lowered so that the cost could not
     * exceed it; whatever a provider reports beyond it is not taken from a limited sum).
     */
    public static long charged(long cost, long held, boolean limited) {
        requireNotNegative(cost);
        return limited ? Math.min(cost, held) : cost;
    }

    private static void requireNotNegative(long amount) {
        if (amount < 0) {
            throw new InvalidValueException("amount", "an amount of quota units is never negative");
        }
    }
}
