package dev.tollgate.domain.token.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.token.RateLimit;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the requests and tokens per minute that all keys of one user may use together, for every user. */
public record SetUserRateLimitsCommand(
        @TargetAggregateIdentifier String policyId, RateLimit limit, String actor, Instant at) {
    public SetUserRateLimitsCommand {
        Checks.requireText("policyId", policyId, 64);
        Checks.requireNonNull("limit", limit);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
