package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Forget the settings of a sign-in provider set here: the server configuration's apply again. */
public record ClearSignInProviderCommand(
        @TargetAggregateIdentifier String settingsId, IdentityProvider provider, String actor, Instant at) {
    public ClearSignInProviderCommand {
        Checks.requireText("settingsId", settingsId, 64);
        Checks.requireNonNull("provider", provider);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
