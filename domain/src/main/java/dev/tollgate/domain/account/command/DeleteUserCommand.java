package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a user: they cannot sign in any more and their keys are refused. */
public record DeleteUserCommand(@TargetAggregateIdentifier UserId userId, String actor, Instant at) {
    public DeleteUserCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
