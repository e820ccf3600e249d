package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.channel.RoutingRules;
import dev.tollgate.domain.channel.RoutingStrategy;
import dev.tollgate.domain.channel.event.RoutingPolicySetEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** In-memory view of the routing rules (weighted everywhere until an admin sets them); read per request. */
public class RoutingPolicyView {
    private final ViewFreshness freshness;
    private volatile RoutingRules rules = RoutingRules.DEFAULT;

    public RoutingPolicyView(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(RoutingPolicySetEvent e, @SequenceNumber long sequence) {
        rules = e.rules();
        freshness.applied(e.policyId(), sequence);
    }

    public RoutingRules current() {
        return rules;
    }

    /** The strategy for a request of {@code model} by a key of {@code group}. */
    public RoutingStrategy strategyFor(String group, String model) {
        return rules.strategyFor(group, model);
    }
}
