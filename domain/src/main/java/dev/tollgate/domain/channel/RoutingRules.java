package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Map;

/**
 * Which routing strategy serves which request: a rule for the model wins over a rule for the key's group, which wins
 * over the default. {@code explorePercent} is the share of requests the {@link RoutingStrategy#LATENCY} strategy
 * sends to a channel other than the fastest, so that every channel's figure stays fresh (0–50).
 */
public record RoutingRules(
        RoutingStrategy defaultStrategy,
        Map<String, RoutingStrategy> groups,
        Map<String, RoutingStrategy> models,
        int explorePercent) {
    public static final int MAX_RULES = 1000;
    public static final int MAX_EXPLORE_PERCENT = 50;
    public static final int DEFAULT_EXPLORE_PERCENT = 10;
    public static final RoutingRules DEFAULT =
            new RoutingRules(RoutingStrategy.WEIGHTED, Map.of(), Map.of(), DEFAULT_EXPLORE_PERCENT);

    public RoutingRules {
        if (defaultStrategy == null) {
            throw new InvalidValueException("default", "the default strategy is required");
        }
        groups = checked("groups", groups);
        models = checked("models", models);
        if (explorePercent < 0 || explorePercent > MAX_EXPLORE_PERCENT) {
            throw new InvalidValueException(
                    "explorePercent", "explorePercent must be between 0 and " + MAX_EXPLORE_PERCENT);
        }
    }

    private static Map<String, RoutingStrategy> checked(String field, Map<String, RoutingStrategy> rules) {
        if (rules == null) {
            return Map.of();
        }
        if (rules.size() > MAX_RULES) {
            throw new InvalidValueException(field, "at most " + MAX_RULES + " rules");
        }
        rules.forEach((name, strategy) -> {
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new InvalidValueException(field, "a name must be 1 to 100 characters");
            }
            if (strategy == null) {
                throw new InvalidValueException(field, "'" + name + "': a strategy is required");
            }
        });
        return Map.copyOf(rules);
    }

    /** The strategy for a request of {@code model} by a key of {@code group}. */
    public RoutingStrategy strategyFor(String group, String model) {
        RoutingStrategy byModel = models.get(model);
        if (byModel != null) {
            return byModel;
        }
        RoutingStrategy byGroup = group == null ? null : groups.get(group);
        return byGroup != null ? byGroup : defaultStrategy;
    }
}
