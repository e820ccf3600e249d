package dev.tollgate.application.channel.service;

import dev.tollgate.application.channel.port.in.RoutingPolicyUseCase;
import dev.tollgate.application.channel.port.in.RoutingPolicyView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.channel.RoutingPolicy;
import dev.tollgate.domain.channel.RoutingRules;
import dev.tollgate.domain.channel.command.SetRoutingPolicyCommand;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Reads and replaces the routing rules (platform admins only); the change is an event every node follows. */
public class RoutingPolicyService implements RoutingPolicyUseCase {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);
    private static final String ADMINS_ONLY = "only platform admins may see or set the routing strategies";

    private final CommandGateway commands;
    private final RoutingPolicyView view;
    private final ClockPort clock;
    private final ViewFreshness freshness;

    public RoutingPolicyService(
            CommandGateway commands, RoutingPolicyView view, ClockPort clock, ViewFreshness freshness) {
        this.commands = commands;
        this.view = view;
        this.clock = clock;
        this.freshness = freshness;
    }

    @Override
    public RoutingRules routingRules(Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        return view.current();
    }

    @Override
    public RoutingRules setRoutingRules(RoutingRules rules, Caller caller) {
        caller.requireAdmin(ADMINS_ONLY);
        long version =
                commands.sendAndWait(new SetRoutingPolicyCommand(RoutingPolicy.ID, rules, caller.actor(), clock.now()));
        freshness.await(RoutingPolicy.ID, version, VIEW_WAIT);
        return view.current();
    }
}
