package dev.tollgate.domain.organization.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.OrganizationPolicy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grant an organisation its groups, models and organisation-wide rate limit (platform admins). */
public record SetOrganizationPolicyCommand(
        @TargetAggregateIdentifier OrganizationId id, OrganizationPolicy policy, String actor, Instant at) {
    public SetOrganizationPolicyCommand {
        Checks.requireNonNull("id", id);
        Checks.requireNonNull("policy", policy);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
