package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.service.QuotaAccounts.Account;
import dev.tollgate.application.billing.service.QuotaAccounts.BudgetAccount;
import dev.tollgate.application.billing.service.QuotaAccounts.WalletAccount;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Other processes' requests as this process knows them from the request events: what each holds (on the key, the
 * member budget and the wallet) until its settlement arrives, which then counts as spent here too. Holds of requests
 * in flight on several processes are so counted everywhere (the window left is the time an event takes to come
 * through the store; the process allowances close it).
 */
final class ForeignHolds {
    /** What another process holds for a request in flight, as its reservation event said. */
    private record ForeignHold(String tokenId, long amount, boolean keyPart, String walletOwner, String budgetId) {}

    private final Map<String, ForeignHold> holds = new ConcurrentHashMap<>();
    private final QuotaAccounts accounts;

    ForeignHolds(QuotaAccounts accounts) {
        this.accounts = accounts;
    }

    /**
     * Another node reserved for a request (or a node before this one's restart did): the amount is held here too,
     * on the key, the member budget and the wallet, until the request's settlement arrives, so that requests in
     * flight on several nodes are counted everywhere (the window left is the time a reservation takes to come
     * through the event store). Reservations of this process are never passed here: it counted them when it made
     * them. A request held already is not held twice.
     */
    void hold(QuotaReservedEvent event) {
        if (holds.containsKey(event.requestId())) {
            return;
        }
        Account a = accounts.account(event.tokenId());
        synchronized (a) {
            WalletAccount w = accounts.enforcedWallet(
                    a.walletOwner != null
                            ? a.walletOwner
                            : new OrganizationId(event.payingOrganization()).walletOwner());
            String budgetId = a.budgetId != null
                    ? a.budgetId
                    : QuotaAccounts.budgetId(event.payingOrganization(), event.ownerId());
            boolean keyPart = !a.unlimited;
            if (keyPart) {
                a.spending = a.spending.apply(event);
            }
            BudgetAccount b = accounts.budget(budgetId);
            synchronized (b) {
                b.spending = b.spending.apply(event);
            }
            String walletOwner = null;
            if (w != null) {
                synchronized (w) {
                    w.spending = w.spending.apply(event);
                }
                walletOwner = a.walletOwner != null
                        ? a.walletOwner
                        : new OrganizationId(event.payingOrganization()).walletOwner();
            }
            holds.put(
                    event.requestId(),
                    new ForeignHold(event.tokenId(), event.amount(), keyPart, walletOwner, budgetId));
        }
    }

    /**
     * Ends what is held here for another process's request (its settlement arrived, or the request was abandoned by a
     * process that stopped); nothing when nothing is held for it.
     */
    void release(String requestId) {
        ForeignHold h = holds.remove(requestId);
        if (h == null) {
            return;
        }
        Account a = accounts.account(h.tokenId());
        synchronized (a) {
            if (h.keyPart()) {
                a.spending = a.spending.release(h.amount());
            }
            BudgetAccount b = accounts.budget(h.budgetId());
            synchronized (b) {
                b.spending = b.spending.release(h.amount());
            }
            if (h.walletOwner() != null) {
                WalletAccount w = accounts.wallet(h.walletOwner());
                synchronized (w) {
                    w.spending = w.spending.release(h.amount());
                }
            }
        }
    }

    /** Amounts held here for requests in flight on other nodes. */
    long held() {
        return holds.values().stream().mapToLong(ForeignHold::amount).sum();
    }

    /**
     * Another process settled a request: what it held here is released and its cost counted as spent on the key,
     * the wallet and the member's budget. Settlements of this process are never passed here: {@link #settle} counted
     * them.
     */
    void settled(RequestSettledEvent event) {
        release(event.requestId());
        Account a = accounts.account(event.tokenId());
        String walletOwner;
        String budgetId;
        synchronized (a) {
            a.spending = a.spending.charge(event.cost());
            walletOwner = a.walletOwner != null
                    ? a.walletOwner
                    : new OrganizationId(event.payingOrganization()).walletOwner();
            budgetId = a.budgetId != null
                    ? a.budgetId
                    : QuotaAccounts.budgetId(event.payingOrganization(), event.ownerId());
        }
        WalletAccount w = accounts.enforcedWallet(walletOwner);
        if (w != null) {
            synchronized (w) {
                w.spending = w.spending.charge(event.cost());
            }
        }
        if (event.cost() > 0) {
            BudgetAccount b = accounts.budget(budgetId);
            synchronized (b) {
                YearMonth m = YearMonth.from(event.at().atZone(ZoneOffset.UTC));
                b.roll(m);
                if (m.equals(b.month)) {
                    b.spending = b.spending.charge(event.cost());
                }
            }
        }
    }
}
