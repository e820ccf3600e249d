package dev.tollgate.application.account.port.in;

import java.util.Optional;

/**
 * What a self-registration must pass before it is looked at: the per-address limit and, while registration is open,
 * the CAPTCHA (docs/security.md, item 17).
 */
public interface RegistrationAdmissionUseCase {
    /**
     * Admits one registration attempt from {@code clientAddress}, or refuses it: 429 {@code too_many_registrations}
     * (with the seconds to wait) past the limit of the address; 403 {@code captcha_failed} when registration is open,
     * a CAPTCHA is configured and {@code captchaToken} is missing or not accepted. Every attempt counts, accepted or
     * not.
     */
    void admit(String clientAddress, String captchaToken);

    /** The CAPTCHA's site key while registration is open and a CAPTCHA is configured. */
    Optional<String> captchaSiteKey();
}
