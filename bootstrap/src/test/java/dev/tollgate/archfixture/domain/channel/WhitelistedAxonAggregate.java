package dev.tollgate.archfixture.domain.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.EntityId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/** Right: uses every whitelisted Axon type and nothing else, so the domain rule must accept it. */
@Aggregate
public class WhitelistedAxonAggregate {

    @AggregateIdentifier
    private String id;

    @AggregateMember
    private final List<Member> members = new ArrayList<>();

    protected WhitelistedAxonAggregate() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(Open command) {
        apply(new Opened(command.id()));
    }

    @EventSourcingHandler
    void on(Opened event) {
        id = event.id();
        members.add(new Member(event.id()));
    }

    /** The command. */
    public record Open(@TargetAggregateIdentifier String id) {}

    /** The event. */
    @Revision("1")
    public record Opened(String id) {}

    /** An entity inside the aggregate. */
    static final class Member {
        @EntityId
        private final String memberId;

        Member(String memberId) {
            this.memberId = memberId;
        }

        String memberId() {
            return memberId;
        }
    }
}
