package dev.tollgate.application.token.service;

import dev.tollgate.application.billing.port.in.KeySpendingUseCase;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.token.port.in.ListTokensUseCase;
import dev.tollgate.application.token.port.in.TokenAccess;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.token.port.in.TokenFilter;
import dev.tollgate.application.token.port.out.TokenListPort;
import dev.tollgate.application.token.port.out.TokenListPort.TokenQuery;
import dev.tollgate.application.token.query.TokenView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lists keys from their stored projection ({@link TokenListPort}) and adds each page's live figures: what the ledger
 * counts as used (one call for the page) and the last-used times (one read for the page). Whose keys an organisation's
 * list shows is decided first, from the in-memory organisations ({@link TokenAccess}); then the parameters are
 * checked; then the read side is given the time to apply the caller's own last changes.
 */
public class TokenListService implements ListTokensUseCase {
    private final TokenListPort tokens;
    private final TokenAccess access;
    private final KeySpendingUseCase ledger;
    private final LastUsedTracker lastUsed;
    private final ReadSideCatchUpPort catchUp;

    public TokenListService(
            TokenListPort tokens,
            TokenDirectory directory,
            OrganizationDirectory organizations,
            KeySpendingUseCase ledger,
            LastUsedTracker lastUsed,
            ReadSideCatchUpPort catchUp) {
        this.tokens = tokens;
        this.access = new TokenAccess(directory, organizations);
        this.ledger = ledger;
        this.lastUsed = lastUsed;
        this.catchUp = catchUp;
    }

    @Override
    public Page<TokenView> list(Caller caller, String q, String status, int page, int size) {
        return read(new TokenQuery(owner(caller), null, filter(q, status)), new PageRequest(page, size));
    }

    @Override
    public CursorPage<TokenView> scroll(Caller caller, String q, String status, String after, int size) {
        CursorRequest request = new CursorRequest(Cursor.decode(after), size);
        // the list's order: newest first, then id
        Instant at = request.after().start() ? null : request.after().instant(0, 2);
        String id = request.after().start() ? null : request.after().key(1, 2);
        TokenQuery query = new TokenQuery(owner(caller), null, filter(q, status));
        catchUp.awaitCurrent(TokenListPort.PROCESSING_GROUPS);
        CursorPage<TokenView> rows = CursorPage.of(
                tokens.after(query, at, id, request.fetch()),
                request,
                t -> Cursor.of(t.createdAt().toString(), t.id()));
        return new CursorPage<>(withUsage(rows.items()), rows.size(), rows.next());
    }

    @Override
    public Page<TokenView> listInOrganization(
            String organizationId, Caller caller, String q, String status, int page, int size) {
        String holder = access.listableHolder(organizationId, caller).orElse(null);
        return read(new TokenQuery(holder, organizationId, filter(q, status)), new PageRequest(page, size));
    }

    private Page<TokenView> read(TokenQuery query, PageRequest request) {
        catchUp.awaitCurrent(TokenListPort.PROCESSING_GROUPS);
        // the total first: a row stored between the two reads is then on the page too, never only in the total
        long total = tokens.count(query);
        List<TokenView> rows = tokens.find(query, request.offset(), request.size());
        return new Page<>(withUsage(rows), request.page(), request.size(), total);
    }

    /** The page's keys with their live figures: one ledger call and one last-used read for the whole page. */
    private List<TokenView> withUsage(List<TokenView> rows) {
        List<String> ids = rows.stream().map(TokenView::id).toList();
        Map<String, Long> used = ledger.used(ids);
        Map<String, Instant> lastUse = lastUsed.lastUsed(ids);
        return rows.stream()
                .map(t -> t.withUsage(used.getOrDefault(t.id(), 0L), lastUse.get(t.id())))
                .toList();
    }

    private static String owner(Caller caller) {
        return caller.admin() ? null : caller.userId();
    }

    private static TokenFilter filter(String q, String status) {
        return new TokenFilter(new TextSearch(q), status);
    }
}
