package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make another member the owner; the old owner stays as ADMIN. */
public record TransferOrganizationOwnershipCommand(
        @TargetAggregateIdentifier OrganizationId id, String newOwnerId, String actor, Instant at) {
    public TransferOrganizationOwnershipCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("newOwnerId", newOwnerId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
