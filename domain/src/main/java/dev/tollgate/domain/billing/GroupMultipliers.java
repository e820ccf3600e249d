package dev.tollgate.domain.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.billing.command.SetGroupMultiplierCommand;
import dev.tollgate.domain.billing.event.GroupMultiplierSetEvent;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The price multiplier of each routing group (one-api's GroupRatio), in thousandths: 1,000 is the list price, 1,500
 * half again as much, 500 half. One per installation ({@value #ID}); a group without one pays the list price.
 */
public class GroupMultipliers {
    public static final String ID = "group-multipliers";

    @AggregateIdentifier
    private String policyId;

    private final Map<String, Long> perMille = new HashMap<>();
    private long version = -1;

    protected GroupMultipliers() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetGroupMultiplierCommand command) {
        Long current = perMille.get(command.group());
        if (current == null || current != command.perMille()) {
            apply(new GroupMultiplierSetEvent(
                    command.policyId(), command.group(), command.perMille(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(GroupMultiplierSetEvent event) {
        policyId = event.policyId();
        perMille.put(event.group(), event.perMille());
        version++;
    }
}
