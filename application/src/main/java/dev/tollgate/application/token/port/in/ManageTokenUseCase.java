package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.token.query.TokenView;

/** Change, rotate or delete a key the caller owns (platform admins: any key). */
public interface ManageTokenUseCase {
    TokenView update(String tokenId, TokenChanges changes, Caller caller);

    /** A new secret for the key, same settings; the old secret is refused from the answer on. */
    IssuedToken rotate(String tokenId, Caller caller);

    void delete(String tokenId, Caller caller);
}
