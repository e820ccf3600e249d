package dev.tollgate.adapter.in.web.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.channel.port.in.RoutingPolicyUseCase;
import dev.tollgate.domain.channel.RoutingRules;
import dev.tollgate.domain.channel.RoutingStrategy;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing strategies ({@code GET|PUT /api/v1/settings/routing
 * {"default","groups":{group:strategy},"models":{model:strategy},"explorePercent"}}; platform admins only). A
 * strategy is {@code weighted}, {@code latency} or {@code least-busy}; a model's rule wins over a group's, which
 * wins over the default. PUT replaces every rule: a field left out takes its default (weighted, no rules, 10 %).
 */
@RestController
public class RoutingSettingsController {
    private final RoutingPolicyUseCase routing;

    public RoutingSettingsController(RoutingPolicyUseCase routing) {
        this.routing = routing;
    }

    /** The rules as JSON, names sorted. */
    record RoutingBody(
            @JsonProperty("default") String defaultStrategy,
            Map<String, String> groups,
            Map<String, String> models,
            int explorePercent) {
        static RoutingBody of(RoutingRules rules) {
            return new RoutingBody(
                    rules.defaultStrategy().wireName(),
                    names(rules.groups()),
                    names(rules.models()),
                    rules.explorePercent());
        }

        private static Map<String, String> names(Map<String, RoutingStrategy> rules) {
            Map<String, String> names = new TreeMap<>();
            rules.forEach((name, strategy) -> names.put(name, strategy.wireName()));
            return names;
        }
    }

    @PlatformAdminOnly
    @GetMapping("/api/v1/settings/routing")
    RoutingBody get(Authentication auth) {
        return RoutingBody.of(routing.routingRules(CurrentCaller.of(auth)));
    }

    @PlatformAdminOnly
    @PutMapping("/api/v1/settings/routing")
    RoutingBody set(@RequestBody JsonNode json, Authentication auth) {
        if (json == null || !json.isObject()) {
            throw new InvalidValueException(
                    "body", "the body must be a JSON object {\"default\",\"groups\",\"models\",\"explorePercent\"}");
        }
        PatchBody body = new PatchBody(json).requireOnly("default", "groups", "models", "explorePercent");
        String defaultName = body.text("default");
        Integer explore = body.integer("explorePercent");
        RoutingRules rules = new RoutingRules(
                defaultName == null ? RoutingStrategy.WEIGHTED : RoutingStrategy.of("default", defaultName),
                strategies("groups", body.stringMap("groups")),
                strategies("models", body.stringMap("models")),
                explore == null ? RoutingRules.DEFAULT_EXPLORE_PERCENT : explore);
        return RoutingBody.of(routing.setRoutingRules(rules, CurrentCaller.of(auth)));
    }

    private static Map<String, RoutingStrategy> strategies(String field, Map<String, String> names) {
        Map<String, RoutingStrategy> rules = new LinkedHashMap<>();
        if (names != null) {
            if (names.size() > RoutingRules.MAX_RULES) {
                throw new InvalidValueException(field, "at most " + RoutingRules.MAX_RULES + " rules");
            }
            names.forEach((name, strategy) -> rules.put(name, RoutingStrategy.of(field, strategy)));
        }
        return rules;
    }
}
