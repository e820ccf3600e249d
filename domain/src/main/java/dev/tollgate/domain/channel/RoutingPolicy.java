package dev.tollgate.domain.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.channel.command.SetRoutingPolicyCommand;
import dev.tollgate.domain.channel.event.RoutingPolicySetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The routing strategies of the installation, one per installation ({@value #ID}): weighted routing everywhere until
 * an admin sets rules. Handlers return the version after the change.
 */
public class RoutingPolicy {
    public static final String ID = "routing-policy";

    @AggregateIdentifier
    private String policyId;

    private RoutingRules rules = RoutingRules.DEFAULT;
    private long version = -1;

    protected RoutingPolicy() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetRoutingPolicyCommand command) {
        if (policyId == null || !command.rules().equals(rules)) {
            apply(RoutingPolicySetEvent.of(command.policyId(), command.rules(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(RoutingPolicySetEvent event) {
        policyId = event.policyId();
        rules = event.rules();
        version++;
    }
}
