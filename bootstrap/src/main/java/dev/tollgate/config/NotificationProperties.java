package dev.tollgate.config;

import dev.tollgate.application.notification.service.NotificationDispatcher;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.notifications.*}: low-balance and channel-status notifications by mail and webhook. See
 * docs/notifications.md.
 *
 * @param balanceCheckInterval  how often every watched balance is compared with its threshold
 * @param defaultLanguage       the language of mails to users who chose none ({@code zh} or {@code en})
 * @param maxAttempts           tries of one delivery (a mail, a webhook call) before it is given up
 * @param firstRetryDelay       the wait before the second try; each further wait is twice the one before
 * @param maxPending            deliveries that may wait at once; more are dropped with a warning
 * @param webhookTimeout        connect and read time-out of a webhook call
 * @param webhookHostsAllowed   webhook hosts allowed although they are (or resolve to) internal addresses, e.g. a chat
 *                              bridge on the same network; cloud metadata addresses are never allowed
 */
@Validated
@ConfigurationProperties(prefix = "tollgate.notifications")
public record NotificationProperties(
        @DefaultValue("60s") @NotNull Duration balanceCheckInterval,

        @DefaultValue("en") @NotNull @Pattern(regexp = "zh|en")
        String defaultLanguage,

        @DefaultValue("5") @Min(1) @Max(20) int maxAttempts,
        @DefaultValue("5s") @NotNull Duration firstRetryDelay,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxPending,
        @DefaultValue("10s") @NotNull Duration webhookTimeout,
        @DefaultValue("") List<String> webhookHostsAllowed) {

    NotificationDispatcher.Settings dispatch() {
        return new NotificationDispatcher.Settings(maxAttempts, firstRetryDelay, maxPending);
    }
}
