package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a member (never the owner). */
public record RemoveOrganizationMemberCommand(
        @TargetAggregateIdentifier OrganizationId id, String userId, String actor, Instant at) {
    public RemoveOrganizationMemberCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("userId", userId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
