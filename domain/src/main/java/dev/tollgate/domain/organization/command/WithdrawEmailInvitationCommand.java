package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw an e-mailed invitation by its public id. */
public record WithdrawEmailInvitationCommand(
        @TargetAggregateIdentifier OrganizationId id, String invitationId, String actor, Instant at) {
    public WithdrawEmailInvitationCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("invitationId", invitationId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
