package dev.tollgate.domain.account.command;

import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Forget the SMTP server set here: the server configuration's applies again. */
public record ClearMailServerCommand(
        @TargetAggregateIdentifier String settingsId, String actor, Instant at) {
    public ClearMailServerCommand {
        Checks.requireText("settingsId", settingsId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
