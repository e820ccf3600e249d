package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.token.query.TokenView;

/** Read keys: the caller's own; platform admins see every key. */
public interface TokenQueryUseCase {
    Page<TokenView> list(Caller caller, PageRequest page);

    TokenView get(String tokenId, Caller caller);
}
