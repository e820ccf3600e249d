package dev.tollgate.adapter.in.web.auth;

import dev.tollgate.adapter.in.web.security.AccessTokens;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.SessionOnly;
import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.LoginUseCase;
import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth/login}: username and password for a bearer token; {@code POST /api/v1/auth/logout}: ends
 * the session of the bearer token it is called with (on every node, within the event poll).
 */
@RestController
public class AuthController {
    private final LoginUseCase login;
    private final AccessTokens tokens;
    private final SelfServiceUseCase sessions;

    public AuthController(LoginUseCase login, AccessTokens tokens, SelfServiceUseCase sessions) {
        this.login = login;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", password=<hidden>]";
        }
    }

    record LoginResponse(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping("/api/v1/auth/login")
    LoginResponse login(@RequestBody LoginRequest body, HttpServletRequest request) {
        requireCredentials(body);
        AuthenticatedUser user = login.login(body.username(), body.password(), request.getRemoteAddr());
        return new LoginResponse(tokens.issue(user), "Bearer", tokens.ttl().toSeconds());
    }

    /** 400 naming the field when the user name or the password is missing (also for the console's sign-in). */
    static void requireCredentials(LoginRequest body) {
        if (body.username() == null || body.username().isBlank()) {
            throw new InvalidValueException("username", "username is required");
        }
        if (body.password() == null || body.password().isEmpty()) {
            throw new InvalidValueException("password", "password is required");
        }
    }

    /**
     * Ends this session: its token is refused from now on. A token issued before sessions had ids ends every session
     * of its user. A personal access token is revoked instead ({@code DELETE /api/v1/users/me/access-tokens/{id}}).
     */
    @SessionOnly
    @PostMapping("/api/v1/auth/logout")
    ResponseEntity<Void> logout(Authentication auth) {
        Jwt jwt = ((JwtAuthenticationToken) auth).getToken();
        Instant expiresAt = jwt.getExpiresAt() == null ? Instant.now().plus(tokens.ttl()) : jwt.getExpiresAt();
        sessions.logout(CurrentCaller.of(auth), jwt.getId(), expiresAt);
        return ResponseEntity.noContent().build();
    }
}
