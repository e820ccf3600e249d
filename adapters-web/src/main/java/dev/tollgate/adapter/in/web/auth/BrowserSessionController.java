package dev.tollgate.adapter.in.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.AccessTokens;
import dev.tollgate.adapter.in.web.security.BrowserSessionCookies;
import dev.tollgate.adapter.in.web.security.BrowserSessionFilter;
import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.ExternalSignInUseCase;
import dev.tollgate.application.account.port.in.LoginUseCase;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web console's sign-in: the same password check and throttling as {@code POST /api/v1/auth/login}, but the
 * access token goes into an HttpOnly, SameSite=Strict cookie that script cannot read (see
 * {@link BrowserSessionCookies}); the answer carries the session's CSRF token, which the console sends back in
 * {@code X-CSRF-Token} with every change.
 */
@RestController
public class BrowserSessionController {
    private final LoginUseCase login;
    private final ExternalSignInUseCase externalSignIn;
    private final AccessTokens tokens;

    public BrowserSessionController(LoginUseCase login, ExternalSignInUseCase externalSignIn, AccessTokens tokens) {
        this.login = login;
        this.externalSignIn = externalSignIn;
        this.tokens = tokens;
    }

    /** The signed-in user as the console needs it, and the session's CSRF token (null for a bearer-token caller). */
    record Session(String userId, String username, String role, Instant expiresAt, String csrfToken) {}

    /** Signs in with a password: sets the session cookie; 401 {@code invalid_credentials}, 429 when throttled. */
    @PostMapping("/api/v1/auth/session")
    Session signIn(
            @RequestBody AuthController.LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        AuthController.requireCredentials(body);
        return open(login.login(body.username(), body.password(), request.getRemoteAddr()), request, response);
    }

    /**
     * Signs in with the one-time code that an external sign-in (GitHub, Feishu, OIDC) handed to the console in the
     * URL's fragment ({@code #code=}): the same exchange as {@code POST /api/v1/auth/oauth/exchange}, once.
     */
    @PostMapping("/api/v1/auth/session/external")
    Session signInExternal(@RequestBody JsonNode json, HttpServletRequest request, HttpServletResponse response) {
        String code = new PatchBody(json).requireOnly("code").text("code");
        if (code == null || code.isBlank()) {
            throw new InvalidValueException("code", "code is required");
        }
        return open(externalSignIn.exchange(code), request, response);
    }

    private Session open(AuthenticatedUser user, HttpServletRequest request, HttpServletResponse response) {
        String token = tokens.issue(user);
        BrowserSessionCookies.set(request, response, token, tokens.ttl());
        return new Session(
                user.userId(),
                user.username(),
                user.role().name(),
                Instant.now().plus(tokens.ttl()),
                tokens.csrfToken(token));
    }

    /** The current session (from the cookie or a bearer token); 401 when there is none. */
    @GetMapping("/api/v1/auth/session")
    Session current(Authentication auth, HttpServletRequest request) {
        Jwt jwt = ((JwtAuthenticationToken) auth).getToken();
        boolean fromCookie = BrowserSessionFilter.fromSessionCookie(request);
        return new Session(
                jwt.getSubject(),
                jwt.getClaimAsString("username"),
                jwt.getClaimAsString("role"),
                jwt.getExpiresAt(),
                fromCookie ? tokens.csrfToken(jwt.getTokenValue()) : null);
    }

    /** Signs out: clears the session cookie (204), whether or not a session was open. */
    @DeleteMapping("/api/v1/auth/session")
    ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
        BrowserSessionCookies.clear(request, response);
        return ResponseEntity.noContent().build();
    }
}
