package dev.tollgate.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.account.command.RegisterUserCommand;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A person (or the root operator) who signs in to the admin API. */
public class User {

    @AggregateIdentifier
    private UserId userId;
    private Role role;

    protected User() {
        // for the event-sourcing repository
    }

    @CommandHandler
    public User(RegisterUserCommand command) {
        apply(new UserRegisteredEvent(command.userId().value(), command.username().value(), command.passwordHash(),
                command.role().name(), command.actor(), command.at()));
    }

    public Role role() {
        return role;
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = new UserId(event.userId());
        role = Role.valueOf(event.role());
    }
}
