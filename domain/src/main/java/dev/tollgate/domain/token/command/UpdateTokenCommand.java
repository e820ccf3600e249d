package dev.tollgate.domain.token.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.token.TokenId;
import dev.tollgate.domain.token.TokenLimits;
import dev.tollgate.domain.token.TokenStatus;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a key's name, status and limits (the caller merges a partial change into the current values). */
public record UpdateTokenCommand(
        @TargetAggregateIdentifier TokenId tokenId,
        String name,
        TokenStatus status,
        TokenLimits limits,
        String actor,
        Instant at) {

    public UpdateTokenCommand {
        Checks.requireNonNull("tokenId", tokenId);
        Checks.requireText("name", name, 100);
        Checks.requireNonNull("status", status);
        Checks.requireNonNull("limits", limits);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
