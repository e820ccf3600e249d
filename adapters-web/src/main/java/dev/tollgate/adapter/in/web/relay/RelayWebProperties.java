package dev.tollgate.adapter.in.web.relay;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The relay's inbound HTTP side.
 *
 * @param maxBodyBytes the largest request body the relay accepts (413 beyond)
 * @param trustedProxies reverse proxies (CIDR blocks or addresses) whose {@code X-Forwarded-For} is believed, on the
 *     relay and on the admin API (sign-in throttle, registration limit, CAPTCHA, audit log); the client address is
 *     the right-most entry that is not itself a trusted proxy; empty: none, the peer's address is the client's
 */
@Validated
@ConfigurationProperties("tollgate.relay")
public record RelayWebProperties(
        @DefaultValue("10485760") @Positive @Max(1L << 31) long maxBodyBytes,
        @DefaultValue @NotNull List<String> trustedProxies) {}
