package dev.tollgate.adapter.in.web.auth;

import dev.tollgate.adapter.in.web.security.AccessTokens;
import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.LoginUseCase;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/login}: username and password for a bearer token. */
@RestController
public class AuthController {
    private final LoginUseCase login;
    private final AccessTokens tokens;

    public AuthController(LoginUseCase login, AccessTokens tokens) {
        this.login = login;
        this.tokens = tokens;
    }

    record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", password=<hidden>]";
        }
    }

    record LoginResponse(String accessToken, String tokenType, long expiresIn) {
    }

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
}
