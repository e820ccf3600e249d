package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.token.RateLimit;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the rate limit each key of the organisation gets when it has none of its own. */
public record SetOrganizationKeyDefaultsCommand(
        @TargetAggregateIdentifier OrganizationId id, RateLimit keyDefaults, String actor, Instant at) {
    public SetOrganizationKeyDefaultsCommand {
        Checks.requireNonNull("id", id);
        Checks.requireNonNull("keyDefaults", keyDefaults);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
