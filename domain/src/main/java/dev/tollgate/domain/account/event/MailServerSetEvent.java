package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Mail goes through this SMTP server from now on. {@code passwordSet}: a password is stored for it (encrypted,
 * elsewhere; never in the event).
 */
@Revision("1")
public record MailServerSetEvent(
        String settingsId,
        String host,
        int port,
        String username,
        String from,
        boolean startTls,
        boolean passwordSet,
        String actor,
        Instant at)
        implements IntegrationSettingsEvent {}
