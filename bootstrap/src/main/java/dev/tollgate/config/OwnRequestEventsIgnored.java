package dev.tollgate.config;

import dev.tollgate.application.billing.port.out.BillingNode;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes the handlers of {@link ForeignRequestEvents} decline the request events this process stored itself, known by
 * their identifier ({@link ForeignRequestEvents#storedBy}): a tracking processor passes over an event no handler can
 * handle without a unit of work, a transaction or an interceptor, and still moves its position past it. This process
 * applied those events to its memory when it made them; on one node they are every event the processor reads.
 */
@Component
public class OwnRequestEventsIgnored implements HandlerEnhancerDefinition {
    private final ObjectProvider<BillingNode> nodes;
    private volatile String node;

    /** The node is looked up at the first event: this definition is needed before the billing beans exist. */
    public OwnRequestEventsIgnored(ObjectProvider<BillingNode> nodes) {
        this.nodes = nodes;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (original.declaringClass() != ForeignRequestEvents.class) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public boolean canHandle(Message<?> message) {
                return !storedHere(message.getIdentifier()) && super.canHandle(message);
            }
        };
    }

    boolean storedHere(String eventIdentifier) {
        String self = node;
        if (self == null) {
            BillingNode found = nodes.getIfAvailable();
            if (found == null) {
                return false;
            }
            self = node = found.id();
        }
        return ForeignRequestEvents.storedBy(self, eventIdentifier);
    }
}
