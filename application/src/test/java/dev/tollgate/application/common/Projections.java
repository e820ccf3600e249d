package dev.tollgate.application.common;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Feeds events to a view through its own {@code @EventHandler}s, as Axon's event processors do. */
public final class Projections {
    private Projections() {}

    /** Applies the events, in order, as the events of one aggregate stream starting at sequence 0. */
    public static void apply(Object view, String aggregateId, Object... events) {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(view);
        for (int i = 0; i < events.length; i++) {
            try {
                adapter.handle(new GenericDomainEventMessage<>("test", aggregateId, i, events[i]));
            } catch (Exception e) {
                throw new IllegalStateException("the view refused " + events[i], e);
            }
        }
    }
}
