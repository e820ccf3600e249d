package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.ExternalIdentity;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Link an external identity to a user, from that user's own signed-in session (one identity per provider). */
public record LinkExternalIdentityCommand(
        @TargetAggregateIdentifier UserId userId, ExternalIdentity identity, String actor, Instant at) {
    public LinkExternalIdentityCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireNonNull("identity", identity);
        Checks.requireText("actor", actor, 300);
        Checks.requireNonNull("at", at);
    }
}
