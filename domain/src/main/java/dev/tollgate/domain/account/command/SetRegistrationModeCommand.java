package dev.tollgate.domain.account.command;

import dev.tollgate.domain.account.RegistrationMode;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Decide who may create an account by themselves. */
public record SetRegistrationModeCommand(
        @TargetAggregateIdentifier String policyId, RegistrationMode mode, String actor, Instant at) {
    public SetRegistrationModeCommand {
        Checks.requireText("policyId", policyId, 64);
        Checks.requireNonNull("mode", mode);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
