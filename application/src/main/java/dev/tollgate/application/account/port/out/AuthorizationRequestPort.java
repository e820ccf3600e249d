package dev.tollgate.application.account.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OAuth authorization requests of browser sign-ins in progress (between the redirect to the provider and its
 * callback), shared by every node so that the callback may reach any of them. A request is found by the SHA-256 of its
 * {@code state} together with the SHA-256 of the nonce the starting browser holds; the state itself is not stored. A
 * request is taken at most once, even when two callbacks race on two nodes.
 */
public interface AuthorizationRequestPort {

    /**
     * One authorization request, field by field. {@code authorizationRequestUri} is the URI the browser was sent to
     * with the value of its {@code state} parameter left out; {@code attributes} hold the PKCE {@code code_verifier}
     * and the OIDC {@code nonce}, which are secrets (never logged; {@link #toString()} leaves them out).
     */
    record StoredAuthorizationRequest(
            String stateHash,
            String browserHash,
            String authorizationUri,
            String clientId,
            String redirectUri,
            List<String> scopes,
            String grantType,
            Map<String, String> additionalParameters,
            Map<String, String> attributes,
            String authorizationRequestUri,
            Instant createdAt,
            Instant expiresAt) {

        public StoredAuthorizationRequest {
            Objects.requireNonNull(stateHash, "stateHash");
            Objects.requireNonNull(browserHash, "browserHash");
            Objects.requireNonNull(expiresAt, "expiresAt");
            scopes = List.copyOf(scopes);
            additionalParameters = Map.copyOf(additionalParameters);
            attributes = Map.copyOf(attributes);
        }

        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }

        @Override
        public String toString() {
            return "StoredAuthorizationRequest[clientId=" + clientId + ", redirectUri=" + redirectUri + ", scopes="
                    + scopes + ", attributes=" + attributes.keySet() + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Stores a request, deleting those that expired before {@code pruneExpiredBefore}. */
    void save(StoredAuthorizationRequest request, Instant pruneExpiredBefore);

    /** The request, without removing it, when it exists for this browser and has not expired at {@code now}. */
    Optional<StoredAuthorizationRequest> find(String stateHash, String browserHash, Instant now);

    /**
     * Removes the request of this state and browser and returns it, expired or not (the caller refuses an expired one).
     * Another browser's hash finds nothing and leaves the request in place. Atomic: of two callers racing for one
     * request, exactly one gets it.
     */
    Optional<StoredAuthorizationRequest> take(String stateHash, String browserHash);
}
