package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.token.query.TokenView;

/** Change or delete a key the caller owns (platform admins: any key). */
public interface ManageTokenUseCase {
    TokenView update(String tokenId, TokenChanges changes, Caller caller);

    void delete(String tokenId, Caller caller);
}
