package dev.tollgate.config.properties;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What guards self-registration ({@code POST /api/v1/auth/register}; docs/security.md, item 17).
 *
 * @param maxPerAddress the most registration attempts from one client address within the window (on each node; as
 *     one-api's limit on its critical routes, 20 in 20 minutes)
 * @param window the window of the per-address limit
 * @param turnstile the CAPTCHA asked for while registration is open
 */
@Validated
@ConfigurationProperties("tollgate.registration")
public record RegistrationProperties(
        @DefaultValue("20") @Positive @Max(10_000) int maxPerAddress,

        @DefaultValue("PT20M") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 7)
        Duration window,

        @DefaultValue @Valid @NotNull Turnstile turnstile) {

    /**
     * Cloudflare Turnstile.
     *
     * @param siteKey the public site key the sign-up page renders the challenge with
     * @param secretKey the secret key; blank: no CAPTCHA
     * @param verifyUrl Turnstile's verification endpoint
     * @param timeout the longest one verification may take (a time-out refuses the registration)
     */
    public record Turnstile(
            @DefaultValue("") String siteKey,
            @DefaultValue("") String secretKey,

            @DefaultValue("https://challenges.cloudflare.com/turnstile/v0/siteverify") @NotNull
            URI verifyUrl,

            @DefaultValue("PT5S") @NotNull @DurationMin(millis = 1)
            Duration timeout) {

        public Turnstile {
            if (secretKey != null && !secretKey.isBlank() && (siteKey == null || siteKey.isBlank())) {
                throw new IllegalArgumentException("tollgate.registration.turnstile.site-key must be set with "
                        + "tollgate.registration.turnstile.secret-key");
            }
            if (verifyUrl != null && !"https".equals(verifyUrl.getScheme()) && !"http".equals(verifyUrl.getScheme())) {
                throw new IllegalArgumentException("tollgate.registration.turnstile.verify-url must be an http(s) URL");
            }
        }

        @Override
        public String toString() {
            return "Turnstile[siteKey=" + siteKey + ", verifyUrl=" + verifyUrl + "]";
        }
    }
}
