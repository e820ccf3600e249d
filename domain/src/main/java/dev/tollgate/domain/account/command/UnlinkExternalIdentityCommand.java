package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a user's identity at a provider; refused when it is their last way to sign in. */
public record UnlinkExternalIdentityCommand(
        @TargetAggregateIdentifier UserId userId, IdentityProvider provider, String actor, Instant at) {
    public UnlinkExternalIdentityCommand {
        Checks.requireNonNull("userId", userId);
        Checks.requireNonNull("provider", provider);
        Checks.requireText("actor", actor, 300);
        Checks.requireNonNull("at", at);
    }
}
