package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.token.RateLimit;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Limit how fast all of one member's keys in the organisation may go together. */
public record SetMemberRateLimitCommand(
        @TargetAggregateIdentifier OrganizationId id, String userId, RateLimit limit, String actor, Instant at) {
    public SetMemberRateLimitCommand {
        Checks.requireNonNull("id", id);
        Checks.requireText("userId", userId, 64);
        Checks.requireNonNull("limit", limit);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
