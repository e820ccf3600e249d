package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set (or with {@code null} remove) a member's monthly budget in quota units. */
public record SetMemberBudgetCommand(
        @TargetAggregateIdentifier OrganizationId id, String userId, Long monthlyBudget, String actor, Instant at) {
    public SetMemberBudgetCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("userId", userId, 64);
        if (monthlyBudget != null && monthlyBudget < 0) {
            throw new InvalidValueException("monthlyBudget", "monthlyBudget must not be negative");
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
