package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.billing.QuotaAccount;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory accounts of this process: per key (its cap), per member budget (its month) and per wallet (its credits
 * and debits), each with its spending as a {@link QuotaAccount}. Each is its own lock; when several are taken, always
 * key, then budget, then wallet.
 */
final class QuotaAccounts {
    static final class Account {
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
    static final class BudgetAccount {
        Long limit;
        YearMonth month;
        QuotaAccount spending = QuotaAccount.EMPTY;

        void roll(YearMonth now) {
            if (month == null || now.isAfter(month)) {
                month = now;
                spending = spending.newPeriod();
            }
        }
    }

    /** A wallet: credited − debited − used is its balance; reserved is set aside for requests in flight. */
    static final class WalletAccount {
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

    private final Map<String, Account> keys = new ConcurrentHashMap<>();
    private final Map<String, WalletAccount> wallets = new ConcurrentHashMap<>();
    private final Map<String, BudgetAccount> budgets = new ConcurrentHashMap<>();
    private final Clock clock;

    QuotaAccounts(Clock clock) {
        this.clock = clock;
    }

    /** The id of a member's budget account in an organisation. */
    static String budgetId(String organizationId, String userId) {
        return organizationId + "/" + userId;
    }

    private static final String KEY_PREFIX = AllowancePort.keyPool("");
    private static final String WALLET_PREFIX = AllowancePort.walletPool("");
    private static final String BUDGET_PREFIX = "budget:";

    /**
     * Sets the spending of every account named in {@code spent} (by the ids of {@code quota_pool}) to the stored
     * figure; budgets of months other than the current one are ignored.
     */
    void restoreSpent(Map<String, Long> spent) {
        YearMonth month = currentMonth();
        spent.forEach((id, units) -> {
            if (id.startsWith(KEY_PREFIX)) {
                Account a = account(id.substring(KEY_PREFIX.length()));
                synchronized (a) {
                    a.spending = a.spending.withSpent(units);
                }
            } else if (id.startsWith(WALLET_PREFIX)) {
                WalletAccount w = wallet(id.substring(WALLET_PREFIX.length()));
                synchronized (w) {
                    w.spending = w.spending.withSpent(units);
                }
            } else if (id.startsWith(BUDGET_PREFIX) && id.endsWith(":" + month)) {
                BudgetAccount b = budget(id.substring(
                        BUDGET_PREFIX.length(), id.length() - month.toString().length() - 1));
                synchronized (b) {
                    b.month = month;
                    b.spending = b.spending.withSpent(units);
                }
            }
        });
    }

    /** The current budget month (UTC). */
    YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    /** Every key's account, by key (a live view). */
    Map<String, Account> keys() {
        return keys;
    }

    /** Every wallet, by owner (a live view). */
    Map<String, WalletAccount> wallets() {
        return wallets;
    }

    /** The wallet that limits the owner's keys: none for the root operator's. */
    WalletAccount enforcedWallet(String ownerId) {
        return ownerId == null || UserId.ROOT.value().equals(ownerId) ? null : wallet(ownerId);
    }

    WalletAccount wallet(String ownerId) {
        return wallets.computeIfAbsent(ownerId, id -> new WalletAccount());
    }

    BudgetAccount budget(String id) {
        return budgets.computeIfAbsent(id, k -> new BudgetAccount());
    }

    Account account(String tokenId) {
        return keys.computeIfAbsent(tokenId, id -> new Account());
    }

    /** The member budget that limits the key, if one is set. */
    BudgetAccount limitingBudget(Account a) {
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
}
