package dev.tollgate.domain.token.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.token.TokenId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a key a new secret (its hash and masked form; never the secret), keeping its settings. */
public record RotateTokenCommand(
        @TargetAggregateIdentifier TokenId tokenId, String keyHash, String maskedKey, String actor, Instant at) {
    public RotateTokenCommand {
        Checks.requireNonNull("tokenId", tokenId);
        Checks.requireText("keyHash", keyHash, 64);
        if (!keyHash.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("keyHash", "keyHash must be a hex SHA-256 digest");
        }
        Checks.requireText("maskedKey", maskedKey, 64);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
