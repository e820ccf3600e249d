package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invited user accepts. */
public record AcceptOrganizationInvitationCommand(
        @TargetAggregateIdentifier OrganizationId id, String userId, String actor, Instant at) {
    public AcceptOrganizationInvitationCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("userId", userId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
