package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a user to an organisation as ADMIN or MEMBER. */
public record AddOrganizationMemberCommand(
        @TargetAggregateIdentifier OrganizationId id, String userId, MemberRole role, String actor, Instant at) {
    public AddOrganizationMemberCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("userId", userId, 64);
        Checks.requireNonNull("role", role);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
