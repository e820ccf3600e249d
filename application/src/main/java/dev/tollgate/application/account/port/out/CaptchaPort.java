package dev.tollgate.application.account.port.out;

/** A CAPTCHA service (Cloudflare Turnstile) that tells whether a browser's challenge token is genuine. */
public interface CaptchaPort {
    /** Whether a CAPTCHA is configured at all; without one, registration asks for none. */
    boolean enabled();

    /** The public site key the sign-up page renders the challenge with. */
    String siteKey();

    /**
     * Whether the service accepts {@code token} (once: tokens are single-use) for a browser at {@code clientAddress}.
     * An unreachable or failing service answers {@code false}: registration fails closed.
     */
    boolean verify(String token, String clientAddress);
}
