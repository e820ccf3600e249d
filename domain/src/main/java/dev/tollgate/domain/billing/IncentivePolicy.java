package dev.tollgate.domain.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.billing.command.SetIncentivesCommand;
import dev.tollgate.domain.billing.event.IncentivesSetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** The installation's incentives ({@value #ID}): none until an admin sets them. */
public class IncentivePolicy {
    public static final String ID = "incentives";

    @AggregateIdentifier
    private String policyId;

    private long version = -1;

    protected IncentivePolicy() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetIncentivesCommand command) {
        apply(new IncentivesSetEvent(
                command.policyId(),
                command.signupBonus(),
                command.checkInBonus(),
                command.actor(),
                command.at(),
                command.inviteeBonus(),
                command.inviterReward(),
                command.inviterRewardOn(),
                command.inviterRewardCap()));
        return version;
    }

    @EventSourcingHandler
    void on(IncentivesSetEvent event) {
        policyId = event.policyId();
        version++;
    }
}
