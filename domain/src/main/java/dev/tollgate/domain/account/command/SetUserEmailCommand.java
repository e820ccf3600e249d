package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set a user's e-mail address: unverified when the user gives it, verified once they proved they read it (the code
 * sent there came back).
 */
public record SetUserEmailCommand(
        @TargetAggregateIdentifier UserId userId, String email, boolean verified, String actor, Instant at) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public SetUserEmailCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireText("email", email, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidValueException("email", "'" + email + "' is not an e-mail address");
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
