package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rename an organisation. */
public record RenameOrganizationCommand(
        @TargetAggregateIdentifier OrganizationId id, String name, String actor, Instant at) {
    public RenameOrganizationCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("name", name, 100);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
