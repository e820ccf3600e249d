package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.domain.account.AccessTokenScope;
import dev.tollgate.domain.account.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal access tokens for the admin API (scripts, CI): a signed-in user creates them for themselves — scoped,
 * expiring, revocable, shown once, stored as a hash — and uses them as a bearer token instead of a session.
 */
public interface AccessTokenUseCase {
    /** What to create: a name, {@code read} or {@code write}, and when it expires (null: in 90 days). */
    record NewAccessToken(String name, String scope, Instant expiresAt) {}

    /** A token as its owner sees it (never the secret). */
    record AccessTokenView(
            String id,
            String userId,
            String name,
            String maskedToken,
            String scope,
            Instant expiresAt,
            Instant createdAt,
            boolean revoked) {}

    /** A new token and its secret, shown this once. */
    record CreatedAccessToken(AccessTokenView accessToken, String token) {}

    /** Who a valid token speaks for, and what it may do. */
    record AccessTokenPrincipal(
            String tokenId, String userId, String username, Role role, AccessTokenScope scope, long sessionVersion) {}

    CreatedAccessToken create(NewAccessToken request, Caller caller);

    List<AccessTokenView> list(Caller caller);

    void revoke(String tokenId, Caller caller);

    /**
     * The principal of a secret presented as a bearer token, when it is a valid token: known, not revoked, not
     * expired, and its user enabled.
     */
    Optional<AccessTokenPrincipal> authenticate(String secret);
}
