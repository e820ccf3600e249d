package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * End sessions of a user: the one named by {@code sessionId} (a logout; it would have expired at
 * {@code sessionExpiresAt}), or every session signed in before {@code at} when {@code sessionId} is null.
 */
public record EndUserSessionsCommand(
        @TargetAggregateIdentifier UserId userId,
        String sessionId,
        Instant sessionExpiresAt,
        String actor,
        Instant at) {
    public EndUserSessionsCommand {
        Checks.requireNonNull("userId", userId);
        if (sessionId != null) {
            Checks.requireText("sessionId", sessionId, 64);
            Checks.requireNonNull("sessionExpiresAt", sessionExpiresAt);
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
