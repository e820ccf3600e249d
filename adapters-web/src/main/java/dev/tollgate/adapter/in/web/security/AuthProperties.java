package dev.tollgate.adapter.in.web.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Base64;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sessions of the admin API and password hashing.
 *
 * @param jwtSecret the sessions' signing key, base64 of at least 32 bytes; blank: one is generated once and kept in the
 *     database, encrypted with {@code tollgate.secret-key} (docs/security.md, "Keys and their rotation")
 * @param tokenTtl how long a session (an access token of {@code POST /api/v1/auth/login}) lasts
 * @param maxConcurrentHashes the most password hashes computed at once (a flood of logins waits, then gets 429);
 *     0: twice the processors
 */
@Validated
@ConfigurationProperties("tollgate.auth")
public record AuthProperties(
        @DefaultValue("") String jwtSecret,

        @DefaultValue("PT12H") @NotNull @DurationMin(minutes = 1) @DurationMax(days = 30)
        Duration tokenTtl,

        @DefaultValue("0") @PositiveOrZero int maxConcurrentHashes) {

    public AuthProperties {
        if (jwtSecret != null && !jwtSecret.isBlank() && decodedLength(jwtSecret) < 32) {
            throw new IllegalArgumentException("tollgate.auth.jwt-secret must be base64 of at least 32 bytes");
        }
    }

    /** The configured signing key, or {@code null} when it is generated and kept in the database. */
    byte[] configuredSigningKey() {
        return jwtSecret.isBlank() ? null : Base64.getDecoder().decode(jwtSecret.trim());
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim()).length;
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "AuthProperties[jwtSecret=" + (jwtSecret.isEmpty() ? "" : "(set)") + ", tokenTtl=" + tokenTtl
                + ", maxConcurrentHashes=" + maxConcurrentHashes + "]";
    }
}
