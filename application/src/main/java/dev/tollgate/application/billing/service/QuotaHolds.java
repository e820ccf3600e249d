package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.domain.billing.QuotaScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of holding on the accounts of {@link QuotaAccounts}: under the locks of the key, its holder's budget and
 * its wallet (taken in that order), the {@link QuotaScope} says what may be held, this process's
 * {@link ProcessAllowances} must cover it too, and the accounts take the scope's new figures. {@link QuotaLedger} is
 * its only user.
 */
final class QuotaHolds {
    private final QuotaAccounts accounts;
    private final ProcessAllowances allowances;

    QuotaHolds(QuotaAccounts accounts, ProcessAllowances allowances) {
        this.accounts = accounts;
        this.allowances = allowances;
    }

    /** Units the key can still reserve (see {@link QuotaLedger#available}). */
    long available(String tokenId) {
        QuotaAccounts.Account a = accounts.account(tokenId);
        synchronized (a) {
            QuotaAccounts.BudgetAccount b = accounts.limitingBudget(a);
            QuotaAccounts.WalletAccount w = accounts.enforcedWallet(a.walletOwner);
            if (b == null) {
                return available(a, null, w);
            }
            synchronized (b) {
                b.roll(accounts.currentMonth());
                return available(a, b, w);
            }
        }
    }

    /** Under the key's (and the budget's) lock: takes the wallet's and asks the scope. */
    private static long available(
            QuotaAccounts.Account a, QuotaAccounts.BudgetAccount b, QuotaAccounts.WalletAccount w) {
        if (w == null) {
            return scope(a, b, null).free();
        }
        synchronized (w) {
            return scope(a, b, w).free();
        }
    }

    /** The limited sums a request on the key draws on, as they are now (the caller holds their locks). */
    private static QuotaScope scope(
            QuotaAccounts.Account a, QuotaAccounts.BudgetAccount b, QuotaAccounts.WalletAccount w) {
        return new QuotaScope(
                a.unlimited ? null : new QuotaScope.Part(a.spending, a.quota),
                b == null ? null : new QuotaScope.Part(b.spending, b.limit),
                w == null ? null : new QuotaScope.Part(w.spending, w.funds()));
    }

    /**
     * Reserves from memory; when this process's allowance on a pool is too small (and the account itself could
     * cover the amount), says so in {@code shortfalls} and reserves nothing.
     */
    Optional<Reservation> tryReserve(
            String tokenId, String requestId, long amount, List<ProcessAllowances.Shortfall> shortfalls) {
        QuotaAccounts.Account a = accounts.account(tokenId);
        synchronized (a) {
            QuotaAccounts.WalletAccount w = accounts.enforcedWallet(a.walletOwner);
            QuotaAccounts.BudgetAccount b = accounts.limitingBudget(a);
            if (a.unlimited && w == null && b == null) {
                return Optional.of(new Reservation(tokenId, requestId, 0, true, false, null));
            }
            if (b == null) {
                return reserveOnWallet(a, w, null, tokenId, requestId, amount, shortfalls);
            }
            synchronized (b) {
                b.roll(accounts.currentMonth());
                return reserveOnWallet(a, w, b, tokenId, requestId, amount, shortfalls);
            }
        }
    }

    /** Under the key's (and the budget's) lock: takes the wallet's and holds. */
    private Optional<Reservation> reserveOnWallet(
            QuotaAccounts.Account a,
            QuotaAccounts.WalletAccount w,
            QuotaAccounts.BudgetAccount b,
            String tokenId,
            String requestId,
            long amount,
            List<ProcessAllowances.Shortfall> shortfalls) {
        if (w == null) {
            return hold(a, null, b, tokenId, requestId, amount, shortfalls);
        }
        synchronized (w) {
            return hold(a, w, b, tokenId, requestId, amount, shortfalls);
        }
    }

    /**
     * Under every lock: the scope decides whether the amount may be held ({@link QuotaScope#hold}); this process's
     * allowances on the pools must cover it too; then the accounts take the scope's new figures.
     */
    private Optional<Reservation> hold(
            QuotaAccounts.Account a,
            QuotaAccounts.WalletAccount w,
            QuotaAccounts.BudgetAccount b,
            String tokenId,
            String requestId,
            long amount,
            List<ProcessAllowances.Shortfall> shortfalls) {
        Optional<QuotaScope> decided = scope(a, b, w).hold(amount);
        if (decided.isEmpty()) {
            return Optional.empty();
        }
        if (shortfalls != null && amount > 0) {
            List<ProcessAllowances.Claim> claims = new ArrayList<>(3);
            if (!a.unlimited) {
                claims.add(allowances.claim(
                        AllowancePort.keyPool(tokenId), null, a.quota, a.spending.spent(), a.spending.left(a.quota)));
            }
            if (b != null) {
                claims.add(allowances.claim(
                        QuotaLedger.budgetPool(a.budgetId, b.month),
                        b.month,
                        b.limit,
                        b.spending.spent(),
                        b.spending.left(b.limit)));
            }
            if (w != null) {
                claims.add(allowances.claim(
                        AllowancePort.walletPool(a.walletOwner),
                        null,
                        w.credited,
                        Math.addExact(w.debited, w.spending.spent()),
                        w.spending.left(w.funds())));
            }
            if (!claims.isEmpty() && !allowances.take(claims, requestId, amount, shortfalls)) {
                return Optional.empty();
            }
        }
        QuotaScope held = decided.get();
        if (held.key() != null) {
            a.spending = held.key().account();
        }
        if (held.budget() != null) {
            b.spending = held.budget().account();
        }
        if (held.wallet() != null) {
            w.spending = held.wallet().account();
        }
        return Optional.of(new Reservation(
                tokenId,
                requestId,
                amount,
                false,
                !a.unlimited,
                w == null ? null : a.walletOwner,
                b == null ? null : a.budgetId));
    }
}
