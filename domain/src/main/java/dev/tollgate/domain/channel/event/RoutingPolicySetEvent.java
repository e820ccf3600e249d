package dev.tollgate.domain.channel.event;

import dev.tollgate.domain.channel.RoutingRules;
import dev.tollgate.domain.channel.RoutingStrategy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * The routing rules were replaced. Strategies by their wire names ({@code weighted}, {@code latency},
 * {@code least-busy}).
 */
@Revision("1")
public record RoutingPolicySetEvent(
        String policyId,
        String defaultStrategy,
        Map<String, String> groups,
        Map<String, String> models,
        int explorePercent,
        String actor,
        Instant at) {

    public static RoutingPolicySetEvent of(String policyId, RoutingRules rules, String actor, Instant at) {
        return new RoutingPolicySetEvent(
                policyId,
                rules.defaultStrategy().wireName(),
                names(rules.groups()),
                names(rules.models()),
                rules.explorePercent(),
                actor,
                at);
    }

    /** The rules this event set. */
    public RoutingRules rules() {
        return new RoutingRules(
                RoutingStrategy.of("default", defaultStrategy),
                strategies("groups", groups),
                strategies("models", models),
                explorePercent);
    }

    private static Map<String, String> names(Map<String, RoutingStrategy> rules) {
        Map<String, String> names = new HashMap<>();
        rules.forEach((name, strategy) -> names.put(name, strategy.wireName()));
        return Map.copyOf(names);
    }

    private static Map<String, RoutingStrategy> strategies(String field, Map<String, String> names) {
        Map<String, RoutingStrategy> rules = new HashMap<>();
        if (names != null) {
            names.forEach((name, strategy) -> rules.put(name, RoutingStrategy.of(field, strategy)));
        }
        return rules;
    }
}
