package dev.tollgate.domain.token.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.token.TokenId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a key: it is refused from then on. */
public record DeleteTokenCommand(@TargetAggregateIdentifier TokenId tokenId, String actor, Instant at) {
    public DeleteTokenCommand {
        Checks.requireNonNull("tokenId", tokenId);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
