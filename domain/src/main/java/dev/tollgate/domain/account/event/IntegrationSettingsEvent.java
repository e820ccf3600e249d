package dev.tollgate.domain.account.event;

/** The events of the {@code IntegrationSettings} aggregate (the SMTP server and the external sign-in providers). */
public sealed interface IntegrationSettingsEvent
        permits MailServerSetEvent, MailServerClearedEvent, SignInProviderSetEvent, SignInProviderClearedEvent {
    String settingsId();
}
