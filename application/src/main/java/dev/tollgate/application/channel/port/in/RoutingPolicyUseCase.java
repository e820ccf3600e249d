package dev.tollgate.application.channel.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.domain.channel.RoutingRules;

/** The routing strategies by group and by model (platform admins only). */
public interface RoutingPolicyUseCase {
    RoutingRules routingRules(Caller caller);

    /** Replaces the rules; answers them as the relay now applies them. */
    RoutingRules setRoutingRules(RoutingRules rules, Caller caller);
}
