package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a user's password (already hashed); every session signed in before ends. */
public record ChangeUserPasswordCommand(
        @TargetAggregateIdentifier UserId userId, String passwordHash, String actor, Instant at) {
    public ChangeUserPasswordCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireText("passwordHash", passwordHash, 512);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }

    @Override
    public String toString() {
        return "ChangeUserPasswordCommand[userId=" + userId + ", actor=" + actor + "]";
    }
}
