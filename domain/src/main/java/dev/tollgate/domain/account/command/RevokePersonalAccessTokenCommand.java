package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.AccessTokenId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a personal access token: refused from then on. */
public record RevokePersonalAccessTokenCommand(
        @TargetAggregateIdentifier AccessTokenId id, String actor, Instant at) {
    public RevokePersonalAccessTokenCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
