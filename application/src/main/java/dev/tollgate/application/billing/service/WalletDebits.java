package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.service.QuotaAccounts.WalletAccount;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Debits of wallets (negative adjustments) as this process makes them: the amount is taken from the wallet's pool in
 * the database first (so no process can be granted it as allowance), then held from the free balance in memory (the
 * lock the relay reserves under), so a debit never takes a balance below zero, not even with requests in flight on any
 * process; once recorded it becomes debited, exactly once, whether its event was applied before the debit completed or
 * after.
 */
final class WalletDebits {
    private final QuotaAccounts accounts;
    private final ProcessAllowances allowances;
    private final Set<String> debitedHere = ConcurrentHashMap.newKeySet();
    /** Debits held on this node whose command is being recorded (their event may come back before they complete). */
    private final Set<String> pendingDebits = ConcurrentHashMap.newKeySet();
    /** Debits of this node whose event was applied before they were completed. */
    private final Set<String> appliedBeforeCompletion = ConcurrentHashMap.newKeySet();

    WalletDebits(QuotaAccounts accounts, ProcessAllowances allowances) {
        this.accounts = accounts;
        this.allowances = allowances;
    }

    /**
     * Sets {@code amount} aside on the wallet for the debit {@code debitId} being recorded; false when the free
     * balance is smaller.
     */
    boolean hold(String ownerId, String debitId, long amount) {
        WalletAccount w = accounts.wallet(ownerId);
        synchronized (w) {
            if (amount <= 0 || w.spending.left(w.funds()) < amount) {
                return false;
            }
            w.spending = w.spending.hold(amount);
            pendingDebits.add(debitId);
            return true;
        }
    }

    /**
     * The debit was recorded: the held amount becomes debited, once — whether its event was applied already (the
     * views' processor can be faster than the caller) or comes later.
     */
    void complete(String ownerId, String debitId, long amount) {
        WalletAccount w = accounts.wallet(ownerId);
        synchronized (w) {
            w.spending = w.spending.release(amount);
            if (!appliedBeforeCompletion.remove(debitId)) {
                pendingDebits.remove(debitId);
                w.debited = Math.addExact(w.debited, amount);
                debitedHere.add(debitId);
            }
        }
    }

    /** The debit could not be recorded: the held amount is free again. */
    void release(String ownerId, String debitId, long amount) {
        WalletAccount w = accounts.wallet(ownerId);
        synchronized (w) {
            w.spending = w.spending.release(amount);
            pendingDebits.remove(debitId);
        }
    }

    /**
     * Before a wallet debit is recorded: takes it from the wallet's pool, so that the other processes' allowances
     * still fit in what is left. This process's own unused allowance on the wallet is given back first. False when the
     * pool cannot cover it (the caller has held the amount with {@link #holdForDebit} already).
     */
    boolean takeFromPool(String ownerId, long amount) {
        if (!allowances.enabled() || accounts.enforcedWallet(ownerId) == null) {
            return true;
        }
        WalletAccount w = accounts.wallet(ownerId);
        long funds;
        long base;
        synchronized (w) {
            funds = w.credited;
            base = Math.addExact(
                    w.debited, w.spending.spent()); // see Claim: what is reserved is (or will be) in allowances
        }
        return allowances.takeDebit(AllowancePort.walletPool(ownerId), funds, base, amount);
    }

    /** The debit taken by {@link #takeDebitFromPool} could not be recorded: its amount goes back to the pool. */
    void putBackInPool(String ownerId, long amount) {
        if (allowances.enabled() && accounts.enforcedWallet(ownerId) != null) {
            allowances.putBack(AllowancePort.walletPool(ownerId), amount);
        }
    }

    /** A debit's event was applied: counted once, whoever recorded it. */
    void applied(WalletDebitedEvent event) {
        WalletAccount w = accounts.wallet(Wallet.ownerOf(event.walletId()));
        synchronized (w) {
            if (debitedHere.remove(event.debitId())) {
                // already counted when the debit was completed on this node
            } else {
                w.debited = Math.addExact(w.debited, event.amount());
                if (pendingDebits.remove(event.debitId())) {
                    // a debit of this node not completed yet: completeDebit must not count it again
                    appliedBeforeCompletion.add(event.debitId());
                }
            }
        }
    }
}
