package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.token.query.TokenView;

/**
 * The admin API's lists of keys, newest first, read from the stored read side (ADR 12) after it has caught up with the
 * caller's own changes, each page with its keys' live figures from the ledger. The relay never reads these lists: it
 * finds keys in the in-memory {@link TokenDirectory}.
 */
public interface ListTokensUseCase {
    /**
     * The caller's keys (platform admins: every key) matching the filters.
     *
     * @param q      part of the name or the masked key (case-insensitive); null: any
     * @param status {@code enabled} or {@code disabled}; null: any
     */
    Page<TokenView> list(Caller caller, String q, String status, int page, int size);

    /**
     * The same keys, filtered the same way, by keyset (newest first, then id), right after the cursor {@code after}
     * (empty: the start).
     */
    CursorPage<TokenView> scroll(Caller caller, String q, String status, String after, int size);

    /**
     * The keys of one organisation matching the filters: all of them for its owner and admins (and platform admins),
     * the caller's own for a member; "not found" for anyone else, before any parameter is checked.
     */
    Page<TokenView> listInOrganization(
            String organizationId, Caller caller, String q, String status, int page, int size);
}
