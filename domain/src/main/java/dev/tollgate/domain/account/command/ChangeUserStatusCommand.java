package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.UserStatus;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enable or disable a user (a disabled user cannot sign in and their keys are refused). */
public record ChangeUserStatusCommand(
        @TargetAggregateIdentifier UserId userId, UserStatus status, String actor, Instant at) {
    public ChangeUserStatusCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireNonNull("status", status);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
