package dev.tollgate.application.billing.service;

import dev.tollgate.application.account.query.UserDirectory;
import dev.tollgate.application.billing.port.in.LedgerUseCase;
import dev.tollgate.application.billing.port.out.LedgerPort;
import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/** The ledger, scoped to what the caller may see. */
public class LedgerService implements LedgerUseCase {
    private static final Set<String> KINDS = Set.of("settlement", "top_up", "adjustment", "debit", "redemption",
            "incentive");

    private final LedgerPort ledger;
    private final UserDirectory users;

    public LedgerService(LedgerPort ledger, UserDirectory users) {
        this.ledger = ledger;
        this.users = users;
    }

    @Override
    public LedgerPage find(LedgerFilter filter, PageRequest page, Caller caller) {
        LedgerFilter scoped = scoped(filter, caller);
        return new LedgerPage(ledger.find(scoped, page.page() * page.size(), page.size()), page.page(), page.size(),
                ledger.totals(scoped));
    }

    @Override
    public void export(LedgerFilter filter, Caller caller, Consumer<LedgerEntryView> entry) {
        ledger.each(scoped(filter, caller), entry);
    }

    @Override
    public long balanceAt(String userId, Instant at, Caller caller) {
        if (users.findById(userId).isEmpty() || !(caller.admin() || userId.equals(caller.userId()))) {
            throw new NotFoundException(AccountErrorCode.USER_NOT_FOUND, "user " + userId + " not found");
        }
        return ledger.balanceAt(userId, at == null ? Instant.now() : at);
    }

    private static LedgerFilter scoped(LedgerFilter filter, Caller caller) {
        if (filter.kind() != null && !KINDS.contains(filter.kind())) {
            throw new InvalidValueException("kind", "kind must be one of " + String.join(", ", KINDS.stream()
                    .sorted().toList()));
        }
        if (caller.admin()) {
            return filter;
        }
        // a user sees only their own wallet, whatever owner they asked for
        return new LedgerFilter(caller.userId(), filter.tokenId(), filter.kind(), filter.from(), filter.to());
    }
}
