package dev.tollgate.application.notification.port.in;

import dev.tollgate.application.common.Caller;

/**
 * Balance thresholds of users' and organisations' wallets and of keys: below one, the owners are told once by e-mail
 * (and the organisation's webhooks) until the balance rises above it again. A user also picks the language of the
 * mails they get.
 */
public interface NotificationSettingsUseCase {
    /** A subject's settings: {@code balanceThreshold} null when unwatched; {@code language} for users only. */
    record NotificationSettings(Long balanceThreshold, String language, boolean notified) {}

    NotificationSettings ofUser(String userId, Caller caller);

    NotificationSettings setForUser(String userId, Long balanceThreshold, String language, Caller caller);

    NotificationSettings ofOrganization(String organizationId, Caller caller);

    NotificationSettings setForOrganization(String organizationId, Long balanceThreshold, Caller caller);

    NotificationSettings ofKey(String tokenId, Caller caller);

    NotificationSettings setForKey(String tokenId, Long balanceThreshold, Caller caller);
}
