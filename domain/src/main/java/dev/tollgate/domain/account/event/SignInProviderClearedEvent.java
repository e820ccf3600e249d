package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The settings of a sign-in provider set through the API are forgotten: the server configuration's apply again. */
@Revision("1")
public record SignInProviderClearedEvent(String settingsId, String provider, String actor, Instant at)
        implements IntegrationSettingsEvent {}
