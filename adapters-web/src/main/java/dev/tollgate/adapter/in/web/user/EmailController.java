package dev.tollgate.adapter.in.web.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.SessionOnly;
import dev.tollgate.application.account.port.in.EmailUseCase;
import dev.tollgate.application.account.port.in.EmailUseCase.EmailView;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.common.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's e-mail address and its verification; password reset by e-mail for users who cannot sign in.
 * Offered when SMTP is configured ({@code tollgate.mail.host}); otherwise 409 {@code email_not_configured}.
 */
@RestController
public class EmailController {
    private final EmailUseCase email;

    public EmailController(EmailUseCase email) {
        this.email = email;
    }

    /** Sets the address (unverified) and mails a verification code to it: 202. */
    @SessionOnly
    @PutMapping("/api/v1/users/me/email")
    ResponseEntity<Map<String, Object>> set(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("email");
        email.setEmail(body.text("email"), CurrentCaller.of(auth));
        return ResponseEntity.accepted()
                .body(Map.of(
                        "email",
                        body.text("email"),
                        "verified",
                        false,
                        "detail",
                        "a verification code was sent to this address"));
    }

    @GetMapping("/api/v1/users/me/email")
    EmailView get(Authentication auth) {
        return email.emailOf(CurrentCaller.of(auth))
                .orElseThrow(() ->
                        new DomainException(AccountErrorCode.USER_NOT_FOUND, "you have not set an e-mail address"));
    }

    @SessionOnly
    @PostMapping("/api/v1/users/me/email/verification")
    EmailView verify(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("code");
        return email.verify(body.text("code"), CurrentCaller.of(auth));
    }

    /** Always 202 with the same answer, whether or not the user exists or has a verified address. */
    @SessionOnly
    @PostMapping("/api/v1/auth/password-reset")
    ResponseEntity<Map<String, String>> requestReset(@RequestBody JsonNode json, HttpServletRequest request) {
        PatchBody body = new PatchBody(json).requireOnly("username");
        email.requestPasswordReset(body.text("username"), request.getRemoteAddr());
        return ResponseEntity.accepted()
                .body(Map.of(
                        "detail", "if this account has a verified e-mail address, a " + "reset code was sent to it"));
    }

    @PostMapping("/api/v1/auth/password-reset/confirm")
    ResponseEntity<Void> confirmReset(@RequestBody JsonNode json) {
        PatchBody body = new PatchBody(json).requireOnly("code", "newPassword");
        email.resetPassword(body.text("code"), body.text("newPassword"));
        return ResponseEntity.noContent().build();
    }
}
