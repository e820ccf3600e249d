package dev.tollgate.domain.channel.command;

import dev.tollgate.domain.channel.RoutingRules;
import dev.tollgate.domain.common.Checks;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the routing rules (default strategy, per-group and per-model strategies, exploration share). */
public record SetRoutingPolicyCommand(
        @TargetAggregateIdentifier String policyId, RoutingRules rules, String actor, Instant at) {
    public SetRoutingPolicyCommand {
        Checks.requireText("policyId", policyId, 64);
        Checks.requireNonNull("rules", rules);
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
