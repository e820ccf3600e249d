package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.ExternalIdentity;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.Username;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a USER on their first sign-in with an external identity: no password (they cannot sign in with one until
 * they set it), the identity linked from the start. The actor is the identity itself ({@code github:12345}).
 */
public record RegisterExternalUserCommand(
        @TargetAggregateIdentifier UserId userId, Username username, ExternalIdentity identity, Instant at) {
    public RegisterExternalUserCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireNonNull("username", username);
        Checks.requireNonNull("identity", identity);
        Checks.requireNonNull("at", at);
    }
}
