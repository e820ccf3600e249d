package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.MailServer;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send mail through this SMTP server; {@code passwordSet}: a password is stored for it (encrypted, elsewhere). */
public record SetMailServerCommand(
        @TargetAggregateIdentifier String settingsId,
        MailServer server,
        boolean passwordSet,
        String actor,
        Instant at) {
    public SetMailServerCommand {
        Checks.requireText("settingsId", settingsId, 64);
        Checks.requireNonNull("server", server);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
