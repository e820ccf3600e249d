package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user presenting an e-mailed invitation code joins the organisation. */
public record AcceptEmailInvitationCommand(
        @TargetAggregateIdentifier OrganizationId id, String codeHash, String userId, String actor, Instant at) {
    public AcceptEmailInvitationCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("codeHash", codeHash, 64);
        Checks.requireText("userId", userId, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
