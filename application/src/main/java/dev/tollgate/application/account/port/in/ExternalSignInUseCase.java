package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.domain.account.IdentityProvider;
import java.util.List;

/**
 * Sign-in with an external identity (GitHub, Feishu/Lark, OIDC) and the hand-off to the admin API's bearer token.
 * An identity signs in only as the account it was linked to; it is linked at the first sign-in of a new account
 * (when registration is open) or from the account's own signed-in session — never because an e-mail matches.
 */
public interface ExternalSignInUseCase {
    /** How long a hand-off or link code lives. */
    long CODE_TTL_SECONDS = 60;

    /**
     * The provider confirmed {@code profile}: signs in as the account the identity is linked to, or creates a new
     * account for it when the registration mode is open.
     *
     * @return a one-time code (valid {@value #CODE_TTL_SECONDS} s) to exchange for a bearer token
     */
    String signIn(ExternalProfile profile);

    /** Exchanges a one-time code from {@link #signIn} (once) for the signed-in user. */
    AuthenticatedUser exchange(String code);

    /** Starts linking an identity at {@code provider} to the caller: a one-time ticket bound to the caller. */
    String startLink(Caller caller, IdentityProvider provider);

    /** Redeems a ticket from {@link #startLink} (once), when the browser starts the provider's flow: its user id. */
    String redeemLinkTicket(String ticket, IdentityProvider provider);

    /**
     * The provider confirmed {@code profile} in a link flow started by {@code userId}: a one-time code that the same
     * user confirms with {@link #completeLink} from their signed-in session.
     */
    String pendingLink(String userId, ExternalProfile profile);

    /** Links the identity of a pending link to the caller, who must be the user who started it. */
    IdentityView completeLink(Caller caller, String code);

    /** Removes the caller's identity at {@code provider}; refused when it is their last way to sign in. */
    void unlink(Caller caller, IdentityProvider provider);

    List<IdentityView> identities(Caller caller);
}
