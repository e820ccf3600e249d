package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.billing.QuotaAccount;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/**
 * What each key and each owner's wallet may still spend, in memory, so that the relay checks and reserves quota
 * without touching the database. A key's cap comes from the token events; a wallet's balance from its top-ups and
 * adjustments; the spent amounts from the settlement events (replayed at start) plus the settlements made on this node
 * that are not stored yet. Reservations of requests in flight are counted against both the key and its owner's
 * wallet, so concurrent requests can never spend more than either has (no overdraft).
 *
 * <p>Wallets limit every owner except the root operator, whose keys are limited only by their own caps. Locks are
 * always taken key first, then wallet; wallet-only operations take only the wallet's.
 */
public class QuotaLedger {
    private static final class Account {
        long quota;
        boolean unlimited;
        QuotaAccount spending = QuotaAccount.EMPTY;
        /** Whose wallet pays: the key's organisation's (a personal organisation's is its user's). */
        String walletOwner;
        /** The member budget the key's spending counts against: organisation and holder. */
        String budgetId;
    }

    /**
     * A member's spending in one organisation this calendar month (UTC), and their budget for it ({@code null}: none).
     * The month turns lazily: the first reservation or settlement of a new month starts it at 0.
     */
    private static final class BudgetAccount {
        Long limit;
        java.time.YearMonth month;
        QuotaAccount spending = QuotaAccount.EMPTY;

        void roll(java.time.YearMonth now) {
            if (month == null || now.isAfter(month)) {
                month = now;
                spending = spending.newPeriod();
            }
        }
    }

    /** A wallet: credited − debited − used is its balance; reserved is set aside for requests in flight. */
    private static final class WalletAccount {
        long credited;
        long debited;
        QuotaAccount spending = QuotaAccount.EMPTY;

        /** What the wallet was given: credited less debited. */
        long funds() {
            return Math.subtractExact(credited, debited);
        }

        long balance() {
            return Math.subtractExact(funds(), spending.spent());
        }
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;
    private final Map<String, WalletAccount> wallets = new ConcurrentHashMap<>();
    private final Map<String, BudgetAccount> budgets = new ConcurrentHashMap<>();
    private final java.time.Clock clock;

    /** What another node holds for a request in flight, as its reservation event said; released by its settlement. */
    private record ForeignHold(String tokenId, long amount, boolean keyPart, String walletOwner, String budgetId) {
    }

    private final Map<String, ForeignHold> foreignHolds = new ConcurrentHashMap<>();
    private final Set<String> debitedHere = ConcurrentHashMap.newKeySet();
    /** Debits held on this node whose command is being recorded (their event may come back before they complete). */
    private final Set<String> pendingDebits = ConcurrentHashMap.newKeySet();
    /** Debits of this node whose event was applied before they were completed. */
    private final Set<String> appliedBeforeCompletion = ConcurrentHashMap.newKeySet();

    /** The database could not be asked for allowance: the request cannot be admitted safely now. */
    public static final class AllowanceUnavailableException extends RuntimeException {
        AllowanceUnavailableException(RuntimeException cause) {
            super("the quota allowance of this process could not be extended (" + cause.getMessage() + ")", cause);
        }
    }

    /** This process's shares of the pools it spends on, when several processes do (disabled otherwise). */
    private final ProcessAllowances allowances;

    public QuotaLedger() {
        this(null);
    }

    /** With the freshness tracker, so that a top-up is visible to its caller when the call returns. */
    public QuotaLedger(ViewFreshness freshness) {
        this(freshness, java.time.Clock.systemUTC());
    }

    /** With the clock that says which month a member budget is in. */
    public QuotaLedger(ViewFreshness freshness, java.time.Clock clock) {
        this(freshness, clock, null, null);
    }

    /**
     * For a process among several: every limited reservation also needs this process's allowance on the key, budget
     * and wallet, granted by {@code allowancePort} to {@code node} (this process's id).
     */
    public QuotaLedger(ViewFreshness freshness, java.time.Clock clock, AllowancePort allowancePort, String node) {
        this(freshness, clock, allowancePort, node, java.time.Duration.ofMillis(1_500));
    }

    /**
     * @param shortWait how long a reservation that the account could pay, but whose pool other processes keep as
     *                  unused allowance, waits for them to give it back before it is refused
     */
    public QuotaLedger(ViewFreshness freshness, java.time.Clock clock, AllowancePort allowancePort, String node,
            java.time.Duration shortWait) {
        this.freshness = freshness;
        this.clock = clock;
        this.allowances = new ProcessAllowances(allowancePort, node, shortWait);
    }

    /**
     * Starts from the stored figures instead of every settlement ever made: what the stored settlements charged each
     * key, wallet and member budget (this month), and the reservations still open, all held as foreign holds (this
     * process has made none yet). Called once, before the first request and before the request events after the
     * snapshot are followed.
     */
    public void restore(dev.tollgate.application.billing.port.out.QuotaSnapshotPort.QuotaSnapshot snapshot) {
        java.time.YearMonth month = currentMonth();
        snapshot.spent().forEach((id, spent) -> {
            if (id.startsWith(KEY_PREFIX)) {
                Account a = account(id.substring(KEY_PREFIX.length()));
                synchronized (a) {
                    a.spending = a.spending.withSpent(spent);
                }
            } else if (id.startsWith(WALLET_PREFIX)) {
                WalletAccount w = wallet(id.substring(WALLET_PREFIX.length()));
                synchronized (w) {
                    w.spending = w.spending.withSpent(spent);
                }
            } else if (id.startsWith(BUDGET_PREFIX) && id.endsWith(":" + month)) {
                BudgetAccount b = budget(id.substring(BUDGET_PREFIX.length(), id.length() - month.toString().length() - 1));
                synchronized (b) {
                    b.month = month;
                    b.spending = b.spending.withSpent(spent);
                }
            }
        });
        snapshot.open().forEach(this::holdForeign);
    }

    private static final String KEY_PREFIX = AllowancePort.keyPool("");
    private static final String WALLET_PREFIX = AllowancePort.walletPool("");
    private static final String BUDGET_PREFIX = "budget:";

    /** The id of a member's budget account in an organisation. */
    public static String budgetId(String organizationId, String userId) {
        return organizationId + "/" + userId;
    }

    @EventHandler
    void on(dev.tollgate.domain.organization.event.MemberBudgetSetEvent event) {
        BudgetAccount b = budget(budgetId(event.organizationId(), event.userId()));
        synchronized (b) {
            b.limit = event.monthlyBudget();
            lowerBudgetAllowance(budgetId(event.organizationId(), event.userId()), b);
        }
    }

    /** A budget changed: this process keeps no more of it than it uses; a lower limit is then granted from anew. */
    private void lowerBudgetAllowance(String budgetId, BudgetAccount b) {
        if (b.month != null) {
            lower(budgetPool(budgetId, b.month));
        }
    }

    private void lower(String poolId) {
        allowances.lower(poolId);
    }

    /** The pool of a member's budget for a month: {@link AllowancePort#budgetPool} of the budget's organisation and user. */
    static String budgetPool(String budgetId, java.time.YearMonth month) {
        int slash = budgetId.indexOf('/');
        return AllowancePort.budgetPool(budgetId.substring(0, slash), budgetId.substring(slash + 1), month);
    }

    /** A member who leaves takes no budget with them: coming back starts without one. */
    @EventHandler
    void on(dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent event) {
        BudgetAccount b = budget(budgetId(event.organizationId(), event.userId()));
        synchronized (b) {
            b.limit = null;
            lowerBudgetAllowance(budgetId(event.organizationId(), event.userId()), b);
        }
    }

    @EventHandler
    void on(TokenIssuedEvent event) {
        Account a = account(event.tokenId());
        synchronized (a) {
            a.quota = event.quota();
            a.unlimited = event.unlimitedQuota();
            a.walletOwner = new dev.tollgate.domain.organization.OrganizationId(event.organization()).walletOwner();
            a.budgetId = budgetId(event.organization(), event.ownerId());
        }
    }

    @EventHandler
    void on(TokenUpdatedEvent event) {
        Account a = account(event.tokenId());
        synchronized (a) {
            a.quota = event.quota();
            a.unlimited = event.unlimitedQuota();
            lower(AllowancePort.keyPool(event.tokenId())); // a lower cap is granted from anew
        }
    }

    /**
     * Another node reserved for a request (or a node before this one's restart did): the amount is held here too,
     * on the key, the member budget and the wallet, until the request's settlement arrives, so that requests in
     * flight on several nodes are counted everywhere (the window left is the time a reservation takes to come
     * through the event store). Reservations of this process are never passed here: it counted them when it made
     * them. A request held already is not held twice.
     */
    public void holdForeign(dev.tollgate.domain.billing.event.QuotaReservedEvent event) {
        if (foreignHolds.containsKey(event.requestId())) {
            return;
        }
        Account a = account(event.tokenId());
        synchronized (a) {
            WalletAccount w = enforcedWallet(a.walletOwner != null ? a.walletOwner
                    : new dev.tollgate.domain.organization.OrganizationId(event.payingOrganization()).walletOwner());
            String budgetId = a.budgetId != null ? a.budgetId
                    : budgetId(event.payingOrganization(), event.ownerId());
            boolean keyPart = !a.unlimited;
            if (keyPart) {
                a.spending = a.spending.hold(event.amount());
            }
            BudgetAccount b = budget(budgetId);
            synchronized (b) {
                b.spending = b.spending.hold(event.amount());
            }
            String walletOwner = null;
            if (w != null) {
                synchronized (w) {
                    w.spending = w.spending.hold(event.amount());
                }
                walletOwner = a.walletOwner != null ? a.walletOwner
                        : new dev.tollgate.domain.organization.OrganizationId(event.payingOrganization())
                                .walletOwner();
            }
            foreignHolds.put(event.requestId(), new ForeignHold(event.tokenId(), event.amount(), keyPart,
                    walletOwner, budgetId));
        }
    }

    /**
     * Ends what is held here for another process's request (its settlement arrived, or the request was abandoned by a
     * process that stopped); nothing when nothing is held for it.
     */
    public void releaseForeign(String requestId) {
        ForeignHold h = foreignHolds.remove(requestId);
        if (h == null) {
            return;
        }
        Account a = account(h.tokenId());
        synchronized (a) {
            if (h.keyPart()) {
                a.spending = a.spending.release(h.amount());
            }
            BudgetAccount b = budget(h.budgetId());
            synchronized (b) {
                b.spending = b.spending.release(h.amount());
            }
            if (h.walletOwner() != null) {
                WalletAccount w = wallet(h.walletOwner());
                synchronized (w) {
                    w.spending = w.spending.release(h.amount());
                }
            }
        }
    }

    /** Amounts held here for requests in flight on other nodes. */
    public long foreignHeld() {
        return foreignHolds.values().stream().mapToLong(ForeignHold::amount).sum();
    }

    /**
     * Another process settled a request: what it held here is released and its cost counted as spent on the key,
     * the wallet and the member's budget. Settlements of this process are never passed here: {@link #settle} counted
     * them.
     */
    public void applyForeignSettlement(RequestSettledEvent event) {
        releaseForeign(event.requestId());
        Account a = account(event.tokenId());
        String walletOwner;
        String budgetId;
        synchronized (a) {
            a.spending = a.spending.charge(event.cost());
            walletOwner = a.walletOwner != null ? a.walletOwner
                    : new dev.tollgate.domain.organization.OrganizationId(event.payingOrganization()).walletOwner();
            budgetId = a.budgetId != null ? a.budgetId : budgetId(event.payingOrganization(), event.ownerId());
        }
        WalletAccount w = enforcedWallet(walletOwner);
        if (w != null) {
            synchronized (w) {
                w.spending = w.spending.charge(event.cost());
            }
        }
        if (event.cost() > 0) {
            BudgetAccount b = budget(budgetId);
            synchronized (b) {
                java.time.YearMonth m = java.time.YearMonth.from(event.at().atZone(java.time.ZoneOffset.UTC));
                b.roll(m);
                if (m.equals(b.month)) {
                    b.spending = b.spending.charge(event.cost());
                }
            }
        }
    }

    @EventHandler
    void on(WalletCreditedEvent event, @SequenceNumber long sequence) {
        WalletAccount w = wallet(Wallet.ownerOf(event.walletId()));
        synchronized (w) {
            w.credited = Math.addExact(w.credited, event.amount());
        }
        applied(event.walletId(), sequence);
    }

    /** A redemption credits the redeemer's wallet (recorded once per code by the event store's unique key). */
    @EventHandler
    void on(dev.tollgate.domain.billing.event.CodeRedeemedEvent event) {
        WalletAccount w = wallet(Wallet.ownerOf(event.walletId()));
        synchronized (w) {
            w.credited = Math.addExact(w.credited, event.value());
        }
        applied(RedemptionStreams.idOf(event.codeHash()), 0);
    }

    /** A daily check-in credits its bonus (recorded once per user and day by the event store's unique key). */
    @EventHandler
    void on(dev.tollgate.domain.billing.event.CheckedInEvent event) {
        WalletAccount w = wallet(Wallet.ownerOf(event.walletId()));
        synchronized (w) {
            w.credited = Math.addExact(w.credited, event.amount());
        }
        applied(dev.tollgate.application.billing.port.out.CheckInJournalPort.streamOf(event.userId(), event.day()),
                0);
    }

    @EventHandler
    void on(WalletDebitedEvent event, @SequenceNumber long sequence) {
        WalletAccount w = wallet(Wallet.ownerOf(event.walletId()));
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
        applied(event.walletId(), sequence);
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
        Account a = account(tokenId);
        synchronized (a) {
            long free = a.spending.free(a.unlimited ? null : a.quota);
            BudgetAccount b = limitingBudget(a);
            if (b != null) {
                synchronized (b) {
                    b.roll(currentMonth());
                    free = Math.min(free, b.spending.free(b.limit));
                }
            }
            WalletAccount w = enforcedWallet(a.walletOwner);
            if (w != null) {
                synchronized (w) {
                    free = Math.min(free, w.spending.free(w.funds()));
                }
            }
            return free;
        }
    }

    private java.time.YearMonth currentMonth() {
        return java.time.YearMonth.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    /** The member budget that limits the key, if one is set. */
    private BudgetAccount limitingBudget(Account a) {
        if (a.budgetId == null) {
            return null;
        }
        BudgetAccount b = budgets.get(a.budgetId);
        if (b == null) {
            return null;
        }
        synchronized (b) {
            return b.limit == null ? null : b;
        }
    }

    /** A member's budget figures this month: limit (null: none), used, reserved, and the month. */
    public record BudgetFigures(Long limit, long used, long reserved, java.time.YearMonth month) {
    }

    public BudgetFigures budgetFigures(String organizationId, String userId) {
        BudgetAccount b = budget(budgetId(organizationId, userId));
        synchronized (b) {
            b.roll(currentMonth());
            return new BudgetFigures(b.limit, b.spending.spent(), b.spending.held(), b.month);
        }
    }

    /** Units spent by the key so far (settled, stored or not). */
    public long used(String tokenId) {
        Account a = account(tokenId);
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
        return allowances.reserve(shortfalls -> tryReserve(tokenId, requestId, amount, shortfalls));
    }

    /**
     * Reserves from memory; when this process's allowance on a pool is too small (and the account itself could
     * cover the amount), says so in {@code shortfalls} and reserves nothing.
     */
    private Optional<Reservation> tryReserve(String tokenId, String requestId, long amount,
            java.util.List<ProcessAllowances.Shortfall> shortfalls) {
        Account a = account(tokenId);
        synchronized (a) {
            WalletAccount w = enforcedWallet(a.walletOwner);
            BudgetAccount b = limitingBudget(a);
            if (a.unlimited && w == null && b == null) {
                return Optional.of(new Reservation(tokenId, requestId, 0, true, false, null));
            }
            long free = a.unlimited ? Long.MAX_VALUE : a.spending.left(a.quota);
            if (b == null) {
                return reserveOnWallet(a, w, null, free, tokenId, requestId, amount, shortfalls);
            }
            synchronized (b) {
                b.roll(currentMonth());
                return reserveOnWallet(a, w, b, Math.min(free, b.spending.left(b.limit)), tokenId, requestId,
                        amount, shortfalls);
            }
        }
    }

    /** Under the key's (and the budget's) lock: takes the wallet's, checks everything, sets the amount aside. */
    private Optional<Reservation> reserveOnWallet(Account a, WalletAccount w, BudgetAccount b, long free,
            String tokenId, String requestId, long amount, java.util.List<ProcessAllowances.Shortfall> shortfalls) {
        if (w == null) {
            return hold(a, null, b, free, tokenId, requestId, amount, shortfalls);
        }
        synchronized (w) {
            return hold(a, w, b, Math.min(free, w.spending.left(w.funds())), tokenId, requestId, amount, shortfalls);
        }
    }

    private Optional<Reservation> hold(Account a, WalletAccount w, BudgetAccount b, long free, String tokenId,
            String requestId, long amount, java.util.List<ProcessAllowances.Shortfall> shortfalls) {
        if (amount > free || free <= 0) {
            return Optional.empty();
        }
        if (shortfalls != null && amount > 0) {
            java.util.List<ProcessAllowances.Claim> claims = new java.util.ArrayList<>(3);
            if (!a.unlimited) {
                claims.add(allowances.claim(AllowancePort.keyPool(tokenId), null, a.quota, a.spending.spent(),
                        a.spending.left(a.quota)));
            }
            if (b != null) {
                claims.add(allowances.claim(budgetPool(a.budgetId, b.month), b.month, b.limit, b.spending.spent(),
                        b.spending.left(b.limit)));
            }
            if (w != null) {
                claims.add(allowances.claim(AllowancePort.walletPool(a.walletOwner), null, w.credited,
                        Math.addExact(w.debited, w.spending.spent()), w.spending.left(w.funds())));
            }
            if (!claims.isEmpty() && !allowances.take(claims, requestId, amount, shortfalls)) {
                return Optional.empty();
            }
        }
        if (!a.unlimited) {
            a.spending = a.spending.hold(amount);
        }
        if (w != null) {
            w.spending = w.spending.hold(amount);
        }
        if (b != null) {
            b.spending = b.spending.hold(amount);
        }
        return Optional.of(new Reservation(tokenId, requestId, amount, false, !a.unlimited,
                w == null ? null : a.walletOwner, b == null ? null : a.budgetId));
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
        Account a = account(reservation.tokenId());
        synchronized (a) {
            a.spending = a.spending.settle(reservation.keyPart() ? reservation.amount() : 0, charged);
            if (reservation.budget() != null) {
                BudgetAccount b = budget(reservation.budget());
                synchronized (b) {
                    b.roll(currentMonth());
                    b.spending = b.spending.settle(reservation.amount(), charged);
                }
            } else if (charged > 0 && a.budgetId != null) {
                // no budget limited it when it was admitted: the month's spending still counts, should one be set
                BudgetAccount b = budget(a.budgetId);
                synchronized (b) {
                    b.roll(currentMonth());
                    b.spending = b.spending.charge(charged);
                }
            }
            if (reservation.walletOwner() != null) {
                WalletAccount w = wallet(reservation.walletOwner());
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
    public void returnAllowances(java.time.Duration idleFor) {
        allowances.returnAllowances(idleFor, currentMonth());
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

    /**
     * Before a wallet debit is recorded: takes it from the wallet's pool, so that the other processes' allowances
     * still fit in what is left. This process's own unused allowance on the wallet is given back first. False when the
     * pool cannot cover it (the caller has held the amount with {@link #holdForDebit} already).
     */
    public boolean takeDebitFromPool(String ownerId, long amount) {
        if (!allowances.enabled() || enforcedWallet(ownerId) == null) {
            return true;
        }
        WalletAccount w = wallet(ownerId);
        long funds;
        long base;
        synchronized (w) {
            funds = w.credited;
            base = Math.addExact(w.debited, w.spending.spent()); // see Claim: what is reserved is (or will be) in allowances
        }
        return allowances.takeDebit(AllowancePort.walletPool(ownerId), funds, base, amount);
    }

    /** The debit taken by {@link #takeDebitFromPool} could not be recorded: its amount goes back to the pool. */
    public void putDebitBackInPool(String ownerId, long amount) {
        if (allowances.enabled() && enforcedWallet(ownerId) != null) {
            allowances.putBack(AllowancePort.walletPool(ownerId), amount);
        }
    }

    /** A wallet's figures: balance (credited − debited − used), reserved, and whether it limits its owner's keys. */
    public record WalletFigures(long balance, long credited, long debited, long used, long reserved,
            boolean enforced) {
    }

    public WalletFigures walletFigures(String ownerId) {
        WalletAccount w = wallet(ownerId);
        synchronized (w) {
            return new WalletFigures(w.balance(), w.credited, w.debited, w.spending.spent(), w.spending.held(),
                    enforcedWallet(ownerId) != null);
        }
    }

    /** Every wallet's balance in memory, by owner (wallets that limit their owner's keys only). */
    public Map<String, Long> walletBalances() {
        Map<String, Long> out = new java.util.HashMap<>();
        wallets.forEach((owner, w) -> {
            if (enforcedWallet(owner) != null) {
                synchronized (w) {
                    out.put(owner, w.balance());
                }
            }
        });
        return out;
    }

    /** What every key has spent, in memory, by key. */
    public Map<String, Long> keysUsed() {
        Map<String, Long> out = new java.util.HashMap<>();
        accounts.forEach((id, a) -> {
            synchronized (a) {
                out.put(id, a.spending.spent());
            }
        });
        return out;
    }

    /**
     * Sets {@code amount} aside on the wallet for the debit {@code debitId} being recorded; false when the free
     * balance is smaller.
     */
    public boolean holdForDebit(String ownerId, String debitId, long amount) {
        WalletAccount w = wallet(ownerId);
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
    public void completeDebit(String ownerId, String debitId, long amount) {
        WalletAccount w = wallet(ownerId);
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
    public void releaseDebit(String ownerId, String debitId, long amount) {
        WalletAccount w = wallet(ownerId);
        synchronized (w) {
            w.spending = w.spending.release(amount);
            pendingDebits.remove(debitId);
        }
    }

    private WalletAccount enforcedWallet(String ownerId) {
        return ownerId == null || UserId.ROOT.value().equals(ownerId) ? null : wallet(ownerId);
    }

    private WalletAccount wallet(String ownerId) {
        return wallets.computeIfAbsent(ownerId, id -> new WalletAccount());
    }

    private BudgetAccount budget(String id) {
        return budgets.computeIfAbsent(id, k -> new BudgetAccount());
    }

    private Account account(String tokenId) {
        return accounts.computeIfAbsent(tokenId, id -> new Account());
    }
}
