package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create an organisation with its owner (a personal one is its user's own and has no other members). */
public record CreateOrganizationCommand(
        @TargetAggregateIdentifier OrganizationId id,
        String name,
        String ownerId,
        boolean personal,
        String actor,
        Instant at) {
    public CreateOrganizationCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("name", name, 100);
        Checks.requireText("ownerId", ownerId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
