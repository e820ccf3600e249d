package dev.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.billing.port.out.BillingNode;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class OwnRequestEventsIgnoredTest {
    private static final String NODE = "node-a";

    private final AnnotationEventHandlerAdapter handlers =
            handlersOf(new ForeignRequestEvents(new QuotaLedger(), NODE));

    private static AnnotationEventHandlerAdapter handlersOf(Object listener) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("node", new BillingNode(NODE));
        OwnRequestEventsIgnored enhancer = new OwnRequestEventsIgnored(beans.getBeanProvider(BillingNode.class));
        return new AnnotationEventHandlerAdapter(
                listener,
                ClasspathParameterResolverFactory.forClass(listener.getClass()),
                MultiHandlerDefinition.ordered(
                        List.of(ClasspathHandlerDefinition.forClass(listener.getClass())), enhancer));
    }

    private static EventMessage<QuotaReservedEvent> reserved(String identifier, String storedBy) {
        QuotaReservedEvent event = new QuotaReservedEvent(
                "req-1", "token-1", "user-1", "gpt-4o-mini", 100, storedBy, Instant.now(), "org-1");
        return new GenericEventMessage<>(
                new GenericMessage<>(identifier, event, Map.of(ForeignRequestEvents.NODE, storedBy)), Instant::now);
    }

    @Test
    void givenAnEventThisNodeStored_whenAskedWhetherItCanBeHandled_thenNo() throws Exception {
        // when
        boolean canHandle = handlers.canHandle(reserved(ForeignRequestEvents.eventIdentifier(NODE, 7), NODE));

        // then: the processor passes over it without a unit of work
        assertThat(canHandle).isFalse();
    }

    @Test
    void givenAnEventAnotherNodeStored_whenAskedWhetherItCanBeHandled_thenYes() throws Exception {
        // when
        boolean fromAnother = handlers.canHandle(reserved(ForeignRequestEvents.eventIdentifier("node-b", 7), "node-b"));
        boolean sameNodePrefix =
                handlers.canHandle(reserved(ForeignRequestEvents.eventIdentifier(NODE + "x", 7), NODE + "x"));

        // then
        assertThat(fromAnother).isTrue();
        assertThat(sameNodePrefix).as("a node whose id starts with this one's").isTrue();
    }

    @Test
    void givenAnotherListener_whenWrapped_thenItsHandlersAreUnchanged() throws Exception {
        // given: a listener of the same event that is not ForeignRequestEvents
        Object other = new Object() {
            @org.axonframework.eventhandling.EventHandler
            void on(QuotaReservedEvent event) {}
        };

        // when
        boolean canHandle = handlersOf(other).canHandle(reserved(ForeignRequestEvents.eventIdentifier(NODE, 7), NODE));

        // then
        assertThat(canHandle).isTrue();
    }
}
