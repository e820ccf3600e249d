package dev.tollgate.application.account.port.in;

import dev.tollgate.application.common.Caller;
import java.util.Optional;

/**
 * E-mail address verification and password reset by e-mail. Offered only when SMTP is configured.
 */
public interface EmailUseCase {
    /** A user's address as they see it. */
    record EmailView(String email, boolean verified) {}

    /** Sets the caller's address (unverified) and sends a verification code there. */
    void setEmail(String email, Caller caller);

    /** Marks the caller's address verified when the code is the one sent to it. */
    EmailView verify(String code, Caller caller);

    Optional<EmailView> emailOf(Caller caller);

    /**
     * Sends a reset code to the user's verified address, if the user exists and has one. Answers the same either way
     * (no way to learn who has an account).
     */
    void requestPasswordReset(String username, String clientAddress);

    /** Sets a new password with a reset code; ends every session of the user. */
    void resetPassword(String code, String newPassword);
}
