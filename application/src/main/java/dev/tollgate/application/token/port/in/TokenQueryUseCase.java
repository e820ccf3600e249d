package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.token.query.TokenView;

/**
 * Read one key: the caller's own (and, for organisation owners and admins, their organisation's); platform admins see
 * every key. The lists are {@link ListTokensUseCase}'s.
 */
public interface TokenQueryUseCase {
    TokenView get(String tokenId, Caller caller);
}
