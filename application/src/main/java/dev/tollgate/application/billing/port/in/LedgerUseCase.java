package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerTotals;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audited trail of quota: every top-up, adjustment, debit, redemption and incentive (with actor and reason), every
 * settled request, and the holds of requests (reservations and releases). Platform admins read everything; an
 * organisation's owner and admins their organisation's entries; everyone their personal wallet's entries and those of
 * the keys they hold.
 */
public interface LedgerUseCase {
    /**
     * What the caller asks for; a null field does not filter.
     *
     * @param ownerId        a wallet's owner (a user, or a shared organisation's id); kept for older clients:
     *                       platform admins only, ignored for anyone else
     * @param organizationId the wallet's organisation; one the caller does not belong to is not found
     * @param memberId       the key's holder
     * @param kind           one kind, or several separated by commas
     */
    record LedgerQuery(
            String ownerId,
            String organizationId,
            String memberId,
            String tokenId,
            String kind,
            Instant from,
            Instant to) {}

    /** A page of entries (newest first) and the totals of the whole filter. */
    record LedgerPage(List<LedgerEntryView> entries, int page, int size, LedgerTotals totals) {}

    LedgerPage find(LedgerQuery query, PageRequest page, Caller caller);

    /** The same entries by keyset: newest first, right after the cursor, as deep as they go; no totals. */
    CursorPage<LedgerEntryView> scroll(LedgerQuery query, CursorRequest page, Caller caller);

    /**
     * Checks the query and the caller's right to it without reading anything (400 for a bad filter, 404 for an
     * organisation the caller does not belong to): called before a streamed answer starts.
     */
    void check(LedgerQuery query, Caller caller);

    /** The query's entries oldest first, one by one (for a streamed CSV export). */
    void export(LedgerQuery query, Caller caller, Consumer<LedgerEntryView> entry);

    /** A user's wallet balance at an instant, from the entries. */
    long balanceAt(String userId, Instant at, Caller caller);

    /**
     * An organisation's wallet balance at an instant, from the entries: for platform admins, the organisation's owner
     * and admins, and the user of a personal organisation. Not a member: not found; a plain member: forbidden.
     */
    long organizationBalanceAt(String organizationId, Instant at, Caller caller);
}
