package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End an invitation: declined by the invitee, or withdrawn by the organisation. */
public record WithdrawOrganizationInvitationCommand(
        @TargetAggregateIdentifier OrganizationId id, String userId, boolean declined, String actor, Instant at) {
    public WithdrawOrganizationInvitationCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("userId", userId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
