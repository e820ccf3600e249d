package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.AccessTokenId;
import dev.tollgate.domain.account.AccessTokenScope;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a personal access token for a user; {@code secretHash} is the hex SHA-256 of the secret shown once. */
public record CreatePersonalAccessTokenCommand(
        @TargetAggregateIdentifier AccessTokenId id,
        String userId,
        String name,
        String secretHash,
        String maskedSecret,
        AccessTokenScope scope,
        Instant expiresAt,
        String actor,
        Instant at) {
    public CreatePersonalAccessTokenCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("userId", userId, 64);
        Checks.requireText("name", name, 100);
        Checks.requireText("secretHash", secretHash, 64);
        Checks.requireText("maskedSecret", maskedSecret, 64);
        Checks.requireNonNull("scope", scope);
        Checks.requireNonNull("expiresAt", expiresAt);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
