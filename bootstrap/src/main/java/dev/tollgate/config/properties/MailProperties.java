package dev.tollgate.config.properties;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMTP server for verification codes, password resets and invitations (docs/accounts.md).
 *
 * @param host the SMTP server; blank: no e-mail is sent (the features that need it answer that e-mail is off)
 * @param port the SMTP server's port
 * @param username the SMTP login; blank: none
 * @param password the SMTP password
 * @param from the sender address
 * @param starttls whether the connection is upgraded with STARTTLS
 * @param timeout the longest one SMTP exchange may take
 */
@Validated
@ConfigurationProperties("tollgate.mail")
public record MailProperties(
        @DefaultValue("") String host,
        @DefaultValue("587") @Positive @Max(65535) int port,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("tollgate@localhost") @NotBlank String from,
        @DefaultValue("true") boolean starttls,

        @DefaultValue("PT10S") @NotNull @DurationMin(millis = 1)
        Duration timeout) {

    @Override
    public String toString() {
        return "MailProperties[host=" + host + ", port=" + port + ", from=" + from + "]";
    }
}
