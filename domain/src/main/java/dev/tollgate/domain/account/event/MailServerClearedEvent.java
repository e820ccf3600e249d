package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The SMTP server set through the API is forgotten: the server configuration's applies again. */
@Revision("1")
public record MailServerClearedEvent(String settingsId, String actor, Instant at) implements IntegrationSettingsEvent {}
