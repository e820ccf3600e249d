package dev.tollgate.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.account.command.SetRegistrationModeCommand;
import dev.tollgate.domain.account.event.RegistrationModeSetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** Who may create an account by themselves; one per installation ({@value #ID}), closed until an admin opens it. */
public class RegistrationPolicy {
    public static final String ID = "registration";

    @AggregateIdentifier
    private String policyId;

    private RegistrationMode mode;
    private long version = -1;

    protected RegistrationPolicy() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetRegistrationModeCommand command) {
        if (command.mode() != mode) {
            apply(new RegistrationModeSetEvent(
                    command.policyId(), command.mode().code(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(RegistrationModeSetEvent event) {
        policyId = event.policyId();
        mode = RegistrationMode.fromCode(event.mode());
        version++;
    }
}
