package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.application.account.port.in.AccessTokenUseCase;
import dev.tollgate.application.account.port.in.AccessTokenUseCase.AccessTokenPrincipal;
import dev.tollgate.domain.account.AccessTokenScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Personal access tokens ({@code tgp_…}) as bearer tokens of the admin API: a valid one is read into the same kind of
 * principal as a session token (its user, the user's current role), marked with the token's id and scope, so every
 * controller and rule treats it as its user. {@link #scopeFilter} then holds it to its scope.
 */
@Component
public class PersonalAccessTokens {
    static final String TOKEN_CLAIM = "pat";
    static final String SCOPE_CLAIM = "pat_scope";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessTokenUseCase accessTokens;

    public PersonalAccessTokens(AccessTokenUseCase accessTokens) {
        this.accessTokens = accessTokens;
    }

    /** Whether a bearer token is a personal access token rather than a session JWT. */
    static boolean isPersonalAccessToken(String bearer) {
        return bearer != null && bearer.startsWith("tgp_");
    }

    /** The principal of a personal access token; a bad, revoked or expired one, or a disabled user's → 401. */
    Jwt decode(String bearer) {
        AccessTokenPrincipal p = accessTokens
                .authenticate(bearer)
                .orElseThrow(() -> new BadJwtException("the access token is not valid (unknown, revoked or expired)"));
        Instant now = Instant.now();
        return Jwt.withTokenValue(bearer)
                .header("typ", "personal-access-token")
                .subject(p.userId())
                .issuedAt(now)
                .claim("username", p.username())
                .claim("role", p.role().name())
                .claim("sv", p.sessionVersion())
                .claim(TOKEN_CLAIM, p.tokenId())
                .claim(SCOPE_CLAIM, p.scope().code())
                .build();
    }

    /**
     * Refuses (403) to a personal access token of scope {@code read} anything but reading. What no personal access
     * token may do, whatever its scope, is decided on the handler ({@link SessionOnly}, {@link CallerRestrictions}).
     */
    OncePerRequestFilter scopeFilter(Problems problems) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth instanceof JwtAuthenticationToken jwt && jwt.getToken().hasClaim(TOKEN_CLAIM)) {
                    AccessTokenScope scope = AccessTokenScope.of(jwt.getToken().getClaimAsString(SCOPE_CLAIM));
                    if (scope == AccessTokenScope.READ && !READ_METHODS.contains(request.getMethod())) {
                        problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "access_token_not_allowed",
                                "this access token may only read (scope 'read'); create one with scope 'write'");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }
}
