package dev.tollgate.domain.token;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.token.command.SetUserRateLimitsCommand;
import dev.tollgate.domain.token.event.UserRateLimitsSetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The requests and tokens per minute that all keys of one user may use together; one per installation
 * ({@value #ID}), no limit until an admin sets one. Handlers return the version after the change.
 */
public class UserRateLimitPolicy {
    public static final String ID = "user-rate-limits";

    @AggregateIdentifier
    private String policyId;

    private RateLimit limit;
    private long version = -1;

    protected UserRateLimitPolicy() {
        // for the event-sourcing repository
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(SetUserRateLimitsCommand command) {
        if (!command.limit().equals(limit)) {
            apply(new UserRateLimitsSetEvent(
                    command.policyId(), command.limit().rpm(), command.limit().tpm(), command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(UserRateLimitsSetEvent event) {
        policyId = event.policyId();
        limit = new RateLimit(event.rpm(), event.tpm());
        version++;
    }
}
