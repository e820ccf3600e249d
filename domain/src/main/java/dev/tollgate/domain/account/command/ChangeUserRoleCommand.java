package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a user another platform role (ADMIN or USER; there is only one ROOT). */
public record ChangeUserRoleCommand(
        @TargetAggregateIdentifier UserId userId, Role role, String actor, Instant at) {
    public ChangeUserRoleCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireNonNull("role", role);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
