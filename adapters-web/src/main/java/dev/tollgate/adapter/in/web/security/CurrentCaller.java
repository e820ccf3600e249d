package dev.tollgate.adapter.in.web.security;

import dev.tollgate.application.common.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Turns the verified bearer token of a request into the application's {@link Caller}. */
public final class CurrentCaller {
    private CurrentCaller() {}

    public static Caller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("the request is not authenticated with a bearer token");
        }
        Jwt jwt = token.getToken();
        String role = jwt.getClaimAsString("role");
        return new Caller(jwt.getSubject(), "ROOT".equals(role) || "ADMIN".equals(role));
    }

    /** Whether the request is the root user's. */
    public static boolean root(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken token
                && "ROOT".equals(token.getToken().getClaimAsString("role"));
    }
}
