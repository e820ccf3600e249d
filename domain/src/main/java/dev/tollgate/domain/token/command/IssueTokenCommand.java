package dev.tollgate.domain.token.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.token.TokenId;
import dev.tollgate.domain.token.TokenLimits;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a new API key. Carries the SHA-256 hash of the secret and its masked form, never the secret. The key belongs
 * to {@code organizationId} ({@code null}: the owner's personal organisation).
 */
public record IssueTokenCommand(
        @TargetAggregateIdentifier TokenId tokenId,
        String ownerId,
        String name,
        String keyHash,
        String maskedKey,
        TokenLimits limits,
        String actor,
        Instant at,
        String organizationId) {

    /** A key of the owner's personal organisation. */
    public IssueTokenCommand(
            TokenId tokenId,
            String ownerId,
            String name,
            String keyHash,
            String maskedKey,
            TokenLimits limits,
            String actor,
            Instant at) {
        this(tokenId, ownerId, name, keyHash, maskedKey, limits, actor, at, null);
    }

    public IssueTokenCommand {
        if (organizationId != null) {
            Checks.requireText("organizationId", organizationId, 80);
        }
        Checks.requireNonNull("tokenId", tokenId);
        Checks.requireText("ownerId", ownerId, 64);
        Checks.requireText("name", name, 100);
        Checks.requireText("keyHash", keyHash, 64);
        if (!keyHash.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("keyHash", "keyHash must be a hex SHA-256 digest");
        }
        Checks.requireText("maskedKey", maskedKey, 64);
        Checks.requireNonNull("limits", limits);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
