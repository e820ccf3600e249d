package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.token.query.TokenView;

/** Read keys: the caller's own (and, for organisation owners and admins, their organisation's); platform admins
 * see every key. */
public interface TokenQueryUseCase {
    /** The caller's keys (platform admins: every key) matching the filter. */
    Page<TokenView> list(Caller caller, TokenFilter filter, PageRequest page);

    /** The same keys by keyset (newest first, then id), right after the cursor. */
    CursorPage<TokenView> scroll(Caller caller, CursorRequest page);

    TokenView get(String tokenId, Caller caller);

    /**
     * The keys of one organisation: all of them for its owner and admins (and platform admins), the caller's own for
     * a member; "not found" for anyone else.
     */
    Page<TokenView> listInOrganization(String organizationId, Caller caller, PageRequest page);
}
