package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.Username;
import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a user with an already hashed password (Argon2id; the clear password never reaches the domain).
 *
 * @param invitedBy the user whose invite code was given at sign-up, or null; never the new user themselves
 */
public record RegisterUserCommand(
        @TargetAggregateIdentifier UserId userId,
        Username username,
        String passwordHash,
        Role role,
        String actor,
        Instant at,
        UserId invitedBy) {

    public RegisterUserCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireNonNull("username", username);
        Checks.requireText("passwordHash", passwordHash, 512);
        Checks.requireNonNull("role", role);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
        if (userId.equals(invitedBy)) {
            throw new InvalidValueException("inviteCode", "nobody can invite themselves");
        }
    }

    /** A registration without an invitation. */
    public RegisterUserCommand(
            UserId userId, Username username, String passwordHash, Role role, String actor, Instant at) {
        this(userId, username, passwordHash, role, actor, at, null);
    }

    @Override
    public String toString() {
        return "RegisterUserCommand[userId=" + userId + ", username=" + username + ", role=" + role + ", actor=" + actor
                + ", at=" + at + ", invitedBy=" + invitedBy + "]";
    }
}
