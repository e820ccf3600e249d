package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.Username;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a user with an already hashed password (Argon2id; the clear password never reaches the domain). */
public record RegisterUserCommand(
        @TargetAggregateIdentifier UserId userId,
        Username username,
        String passwordHash,
        Role role,
        String actor,
        Instant at) {

    public RegisterUserCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireNonNull("username", username);
        Checks.requireText("passwordHash", passwordHash, 512);
        Checks.requireNonNull("role", role);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
