package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enable or disable an organisation. */
public record ChangeOrganizationStatusCommand(
        @TargetAggregateIdentifier OrganizationId id, boolean enabled, String actor, Instant at) {
    public ChangeOrganizationStatusCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
