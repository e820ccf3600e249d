package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.CheckInJournalPort;
import dev.tollgate.application.billing.port.out.QuotaSnapshotPort;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.billing.QuotaAccount;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.CheckedInEvent;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.event.MemberBudgetSetEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * What each key, member budget and wallet may still spend, in memory, so that the relay holds and settles quota
 * without touching the database: the accounts (caps from the token events, budgets from the organisation events,
 * wallets from their credits and debits, spending from the quota snapshot at start, this process's settlements and
 * other processes' request events) and the rules of holding and settling on them. Holds of requests in flight count
 * against the key, the budget and the wallet together, so concurrent requests can never spend more than any of them
 * has (no overdraft). Its parts: {@link QuotaAccounts} (the accounts and their locks), {@link ProcessAllowances} (this
 * process's shares when several spend), {@link ForeignHolds} (other processes' requests in flight) and
 * {@link WalletDebits} (debits being recorded).
 *
 * <p>Wallets limit every owner except the root operator, whose keys are limited only by their own caps. Locks are
 * always taken key first, then budget, then wallet; wallet-only operations take only the wallet's.
 */
public class QuotaLedger {
    /** The database could not be asked for allowance: the request cannot be admitted safely now. */
    public static final class AllowanceUnavailableException extends RuntimeException {
        AllowanceUnavailableException(RuntimeException cause) {
            super("the quota allowance of this process could not be extended (" + cause.getMessage() + ")", cause);
        }
    }

    private final ViewFreshness freshness;
    /** The accounts of keys, member budgets and wallets. */
    private final QuotaAccounts accounts;
    /** This process's shares of the pools it spends on, when several processes do (disabled otherwise). */
    private final ProcessAllowances allowances;
    /** Other processes' requests in flight. */
    private final ForeignHolds foreign;
    /** Wallet debits being recorded by this process. */
    private final WalletDebits debits;
    /** The rules of holding on the accounts. */
    private final QuotaHolds holds;

    public QuotaLedger() {
        this(null);
    }

    /** With the freshness tracker, so that a top-up is visible to its caller when the call returns. */
    public QuotaLedger(ViewFreshness freshness) {
        this(freshness, Clock.systemUTC());
    }

    /** With the clock that says which month a member budget is in. */
    public QuotaLedger(ViewFreshness freshness, Clock clock) {
        this(freshness, clock, null, null);
    }

    /**
     * For a process among several: every limited reservation also needs this process's allowance on the key, budget
     * and wallet, granted by {@code allowancePort} to {@code node} (this process's id).
     */
    public QuotaLedger(ViewFreshness freshness, Clock clock, AllowancePort allowancePort, String node) {
        this(freshness, clock, allowancePort, node, Duration.ofMillis(1_500));
    }

    /**
     * @param shortWait how long a reservation that the account could pay, but whose pool other processes keep as
     *                  unused allowance, waits for them to give it back before it is refused
     */
    public QuotaLedger(
            ViewFreshness freshness, Clock clock, AllowancePort allowancePort, String node, Duration shortWait) {
        this.freshness = freshness;
        this.accounts = new QuotaAccounts(clock);
        this.allowances = new ProcessAllowances(allowancePort, node, shortWait);
        this.foreign = new ForeignHolds(accounts);
        this.debits = new WalletDebits(accounts, allowances);
        this.holds = new QuotaHolds(accounts, allowances);
    }

    /**
     * Starts from the stored figures instead of every settlement ever made: what the stored settlements charged each
     * key, wallet and member budget (this month), and the reservations still open, all held as foreign holds (this
     * process has made none yet). Called once, before the first request and before the request events after the
     * snapshot are followed.
     */
    public void restore(QuotaSnapshotPort.QuotaSnapshot snapshot) {
        accounts.restoreSpent(snapshot.spent());
        snapshot.open().forEach(foreign::hold);
    }

    /** The id of a member's budget account in an organisation. */
    public static String budgetId(String organizationId, String userId) {
        return QuotaAccounts.budgetId(organizationId, userId);
    }

    @EventHandler
    void on(MemberBudgetSetEvent event) {
        QuotaAccounts.BudgetAccount b = accounts.budget(QuotaAccounts.budgetId(event.organizationId(), event.userId()));
        synchronized (b) {
            b.limit = event.monthlyBudget();
            lowerBudgetAllowance(QuotaAccounts.budgetId(event.organizationId(), event.userId()), b);
        }
    }

    /** A budget changed: this process keeps no more of it than it uses; a lower limit is then granted from anew. */
    private void lowerBudgetAllowance(String budgetId, QuotaAccounts.BudgetAccount b) {
        if (b.month != null) {
            allowances.lower(budgetPool(budgetId, b.month));
        }
    }

    /** The pool of a member's budget for a month: {@link AllowancePort#budgetPool} of the budget's organisation and user. */
    static String budgetPool(String budgetId, YearMonth month) {
        int slash = budgetId.indexOf('/');
        return AllowancePort.budgetPool(budgetId.substring(0, slash), budgetId.substring(slash + 1), month);
    }

    /** A member who leaves takes no budget with them: coming back starts without one. */
    @EventHandler
    void on(OrganizationMemberRemovedEvent event) {
        QuotaAccounts.BudgetAccount b = accounts.budget(QuotaAccounts.budgetId(event.organizationId(), event.userId()));
        synchronized (b) {
            b.limit = null;
            lowerBudgetAllowance(QuotaAccounts.budgetId(event.organizationId(), event.userId()), b);
        }
    }

    @EventHandler
    void on(TokenIssuedEvent event) {
        QuotaAccounts.Account a = accounts.account(event.tokenId());
        synchronized (a) {
            a.quota = event.quota();
            a.unlimited = event.unlimitedQuota();
            a.walletOwner = new OrganizationId(event.organization()).walletOwner();
            a.budgetId = QuotaAccounts.budgetId(event.organization(), event.ownerId());
        }
    }

    @EventHandler
    void on(TokenUpdatedEvent event) {
        QuotaAccounts.Account a = accounts.account(event.tokenId());
        synchronized (a) {
            a.quota = event.quota();
            a.unlimited = event.unlimitedQuota();
            allowances.lower(AllowancePort.keyPool(event.tokenId())); // a lower cap is granted from anew
        }
    }

    @EventHandler
    void on(WalletCreditedEvent event, @SequenceNumber long sequence) {
        QuotaAccounts.WalletAccount w = accounts.wallet(Wallet.ownerOf(event.walletId()));
        synchronized (w) {
            w.credited = Math.addExact(w.credited, event.amount());
        }
        applied(event.walletId(), sequence);
    }

    /** A redemption credits the redeemer's wallet (recorded once per code by the event store's unique key). */
    @EventHandler
    void on(CodeRedeemedEvent event) {
        QuotaAccounts.WalletAccount w = accounts.wallet(Wallet.ownerOf(event.walletId()));
        synchronized (w) {
            w.credited = Math.addExact(w.credited, event.value());
        }
        applied(RedemptionStreams.idOf(event.codeHash()), 0);
    }

    /** A daily check-in credits its bonus (recorded once per user and day by the event store's unique key). */
    @EventHandler
    void on(CheckedInEvent event) {
        QuotaAccounts.WalletAccount w = accounts.wallet(Wallet.ownerOf(event.walletId()));
        synchronized (w) {
            w.credited = Math.addExact(w.credited, event.amount());
        }
        applied(CheckInJournalPort.streamOf(event.userId(), event.day()), 0);
    }

    private void applied(String walletId, long sequence) {
        if (freshness != null) {
            freshness.applied(walletId, sequence);
        }
    }

    /**
     * Units the key can still reserve: the lowest of its cap, its holder's monthly budget in the key's organisation
     * and the organisation's wallet balance; MAX_VALUE when none of them limits it.
     */
    public long available(String tokenId) {
        return holds.available(tokenId);
    }

    /** A member's budget figures this month: limit (null: none), used, reserved, and the month. */
    public record BudgetFigures(Long limit, long used, long reserved, YearMonth month) {}

    public BudgetFigures budgetFigures(String organizationId, String userId) {
        QuotaAccounts.BudgetAccount b = accounts.budget(QuotaAccounts.budgetId(organizationId, userId));
        synchronized (b) {
            b.roll(accounts.currentMonth());
            return new BudgetFigures(b.limit, b.spending.spent(), b.spending.held(), b.month);
        }
    }

    /** Units spent by the key so far (settled, stored or not). */
    public long used(String tokenId) {
        QuotaAccounts.Account a = accounts.account(tokenId);
        synchronized (a) {
            return a.spending.spent();
        }
    }

    /**
     * Sets {@code amount} units aside for a request on the key and on its owner's wallet, or returns empty when
     * either cannot cover it. Always succeeds when neither limits the request.
     */
    public Optional<Reservation> reserve(String tokenId, String requestId, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative reservation");
        }
        return allowances.reserve(shortfalls -> holds.tryReserve(tokenId, requestId, amount, shortfalls));
    }

    /**
     * Ends a reservation with the actual cost; returns the units charged: the cost, clamped to the reservation when
     * something limited it (0 ≤ charged ≤ reserved). Must be called once per reservation, before the settlement event
     * is recorded.
     */
    public long settle(Reservation reservation, long cost) {
        if (cost < 0) {
            throw new IllegalArgumentException("negative cost");
        }
        long charged = QuotaAccount.charged(cost, reservation.amount(), !reservation.unlimited());
        allowances.settled(reservation.requestId(), reservation.amount(), charged);
        QuotaAccounts.Account a = accounts.account(reservation.tokenId());
        synchronized (a) {
            a.spending = a.spending.settle(reservation.keyPart() ? reservation.amount() : 0, charged);
            if (reservation.budget() != null) {
                QuotaAccounts.BudgetAccount b = accounts.budget(reservation.budget());
                synchronized (b) {
                    b.roll(accounts.currentMonth());
                    b.spending = b.spending.settle(reservation.amount(), charged);
                }
            } else if (charged > 0 && a.budgetId != null) {
                // no budget limited it when it was admitted: the month's spending still counts, should one be set
                QuotaAccounts.BudgetAccount b = accounts.budget(a.budgetId);
                synchronized (b) {
                    b.roll(accounts.currentMonth());
                    b.spending = b.spending.charge(charged);
                }
            }
            if (reservation.walletOwner() != null) {
                QuotaAccounts.WalletAccount w = accounts.wallet(reservation.walletOwner());
                synchronized (w) {
                    w.spending = w.spending.settle(reservation.amount(), charged);
                }
            }
        }
        return charged;
    }

    /**
     * Gives back to the database what this process keeps unused: of pools it has not reserved on for
     * {@code idleFor}, of pools another process found short lately, and of pools lowered by a change of their limit;
     * {@code Duration.ZERO} gives back every unused allowance (at shutdown).
     */
    public void returnAllowances(Duration idleFor) {
        allowances.returnAllowances(idleFor, accounts.currentMonth());
    }

    /** How many times this process asked the database for allowance since it started (a figure for metrics). */
    public long allowanceRequests() {
        return allowances.requests();
    }

    /** This process's allowance on {@code poolId} (zeros when it has none). */
    ProcessAllowances.AllowanceFigures allowanceFigures(String poolId) {
        return allowances.figures(poolId);
    }

    /** Units of allowance this process holds unused, over all pools (a figure for metrics and tests). */
    public long unusedAllowance() {
        return allowances.unused();
    }

    /** A wallet's figures: balance (credited − debited − used), reserved, and whether it limits its owner's keys. */
    public record WalletFigures(
            long balance, long credited, long debited, long used, long reserved, boolean enforced) {}

    public WalletFigures walletFigures(String ownerId) {
        QuotaAccounts.WalletAccount w = accounts.wallet(ownerId);
        synchronized (w) {
            return new WalletFigures(
                    w.balance(),
                    w.credited,
                    w.debited,
                    w.spending.spent(),
                    w.spending.held(),
                    accounts.enforcedWallet(ownerId) != null);
        }
    }

    /** Every wallet's balance in memory, by owner (wallets that limit their owner's keys only). */
    public Map<String, Long> walletBalances() {
        Map<String, Long> out = new HashMap<>();
        accounts.wallets().forEach((owner, w) -> {
            if (accounts.enforcedWallet(owner) != null) {
                synchronized (w) {
                    out.put(owner, w.balance());
                }
            }
        });
        return out;
    }

    /** What every key has spent, in memory, by key. */
    public Map<String, Long> keysUsed() {
        Map<String, Long> out = new HashMap<>();
        accounts.keys().forEach((id, a) -> {
            synchronized (a) {
                out.put(id, a.spending.spent());
            }
        });
        return out;
    }

    /**
     * Another node reserved for a request (or a node before this one's restart did): the amount is held here too,
     * until the request's settlement arrives. Reservations of this process are never passed here.
     */
    public void holdForeign(QuotaReservedEvent event) {
        foreign.hold(event);
    }

    /** Ends what is held here for another process's request (settled, or abandoned by a process that stopped). */
    public void releaseForeign(String requestId) {
        foreign.release(requestId);
    }

    /** Amounts held here for requests in flight on other nodes. */
    public long foreignHeld() {
        return foreign.held();
    }

    /**
     * Another process settled a request: what it held here is released and its cost counted as spent. Settlements
     * of this process are never passed here: {@link #settle} counted them.
     */
    public void applyForeignSettlement(RequestSettledEvent event) {
        foreign.settled(event);
    }

    @EventHandler
    void on(WalletDebitedEvent event, @SequenceNumber long sequence) {
        debits.applied(event);
        applied(event.walletId(), sequence);
    }

    /**
     * Sets {@code amount} aside on the wallet for the debit {@code debitId} being recorded; false when the free
     * balance is smaller.
     */
    public boolean holdForDebit(String ownerId, String debitId, long amount) {
        return debits.hold(ownerId, debitId, amount);
    }

    /** The debit was recorded: the held amount becomes debited, once. */
    public void completeDebit(String ownerId, String debitId, long amount) {
        debits.complete(ownerId, debitId, amount);
    }

    /** The debit could not be recorded: the held amount is free again. */
    public void releaseDebit(String ownerId, String debitId, long amount) {
        debits.release(ownerId, debitId, amount);
    }

    /**
     * Before a wallet debit is recorded: takes it from the wallet's pool, so that the other processes' allowances
     * still fit in what is left; false when the pool cannot cover it.
     */
    public boolean takeDebitFromPool(String ownerId, long amount) {
        return debits.takeFromPool(ownerId, amount);
    }

    /** The debit taken by {@link #takeDebitFromPool} could not be recorded: its amount goes back to the pool. */
    public void putDebitBackInPool(String ownerId, long amount) {
        debits.putBackInPool(ownerId, amount);
    }
}
