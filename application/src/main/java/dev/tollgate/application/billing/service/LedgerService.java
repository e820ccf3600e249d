package dev.tollgate.application.billing.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.billing.port.in.LedgerUseCase;
import dev.tollgate.application.billing.port.out.LedgerPort;
import dev.tollgate.application.billing.query.BillingScope;
import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.billing.query.LedgerTotals;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The ledger, scoped to what the caller may see (see {@link BillingVisibility}). */
public class LedgerService implements LedgerUseCase {
    /** Every kind of entry. */
    public static final Set<String> KINDS =
            Set.of("settlement", "reservation", "release", "top_up", "adjustment", "debit", "redemption", "incentive");

    private final LedgerPort ledger;
    private final UserDirectory users;
    private final BillingVisibility visibility;

    public LedgerService(LedgerPort ledger, UserDirectory users, OrganizationDirectory organizations) {
        this.ledger = ledger;
        this.users = users;
        this.visibility = new BillingVisibility(organizations);
    }

    @Override
    public LedgerPage find(LedgerQuery query, PageRequest page, Caller caller) {
        LedgerFilter filter = filter(query, caller);
        // the totals first: an entry stored between the two reads is then on the page too, never only in the totals
        LedgerTotals totals = ledger.totals(filter);
        return new LedgerPage(ledger.find(filter, page.offset(), page.size()), page.page(), page.size(), totals);
    }

    @Override
    public CursorPage<LedgerEntryView> scroll(LedgerQuery query, CursorRequest page, Caller caller) {
        CursorPage<LedgerPort.PositionedEntry> rows = CursorPage.of(
                ledger.findAfter(filter(query, caller), page.after(), page.fetch()),
                page,
                LedgerPort.PositionedEntry::position);
        return new CursorPage<>(
                rows.items().stream().map(LedgerPort.PositionedEntry::entry).toList(), rows.size(), rows.next());
    }

    @Override
    public void check(LedgerQuery query, Caller caller) {
        filter(query, caller);
    }

    @Override
    public void export(LedgerQuery query, Caller caller, Consumer<LedgerEntryView> entry) {
        ledger.each(filter(query, caller), entry);
    }

    @Override
    public long balanceAt(String userId, Instant at, Caller caller) {
        if (users.findById(userId).isEmpty() || !(caller.admin() || userId.equals(caller.userId()))) {
            throw new NotFoundException(AccountErrorCode.USER_NOT_FOUND, "user " + userId + " not found");
        }
        return ledger.balanceAt(OrganizationId.personalOf(userId).value(), at == null ? Instant.now() : at);
    }

    @Override
    public long organizationBalanceAt(String organizationId, Instant at, Caller caller) {
        visibility.requireWalletReader(organizationId, caller);
        return ledger.balanceAt(organizationId, at == null ? Instant.now() : at);
    }

    private LedgerFilter filter(LedgerQuery q, Caller caller) {
        List<String> kinds = kinds(q.kind());
        if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
            throw new InvalidValueException("from", "from must be before to");
        }
        BillingScope scope = visibility.scope(blankToNull(q.organizationId()), caller);
        String organization = blankToNull(q.organizationId());
        String owner = blankToNull(q.ownerId());
        if (organization == null && owner != null && caller.admin()) {
            // the older filter by a wallet's owner: that wallet's organisation
            organization = visibility.organizationOfWalletOwner(owner);
        }
        return new LedgerFilter(
                organization, blankToNull(q.memberId()), blankToNull(q.tokenId()), kinds, q.from(), q.to(), scope);
    }

    private static List<String> kinds(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        List<String> kinds = new ArrayList<>();
        for (String k : kind.split(",")) {
            String trimmed = k.trim();
            if (!KINDS.contains(trimmed)) {
                throw new InvalidValueException(
                        "kind",
                        "kind must be one or more (separated by commas) of "
                                + String.join(", ", KINDS.stream().sorted().toList()));
            }
            kinds.add(trimmed);
        }
        return kinds;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
