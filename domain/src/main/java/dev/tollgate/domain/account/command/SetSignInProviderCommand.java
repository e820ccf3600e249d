package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.SignInProviderSettings;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Offer (or stop offering) sign-in with this provider, with these settings; {@code secretSet}: a client secret is
 * stored for it (encrypted, elsewhere).
 */
public record SetSignInProviderCommand(
        @TargetAggregateIdentifier String settingsId,
        SignInProviderSettings provider,
        boolean secretSet,
        String actor,
        Instant at) {
    public SetSignInProviderCommand {
        Checks.requireText("settingsId", settingsId, 64);
        Checks.requireNonNull("provider", provider);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
