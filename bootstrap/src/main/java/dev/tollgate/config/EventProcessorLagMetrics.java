package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.audit.AuditLogProjection;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.adapter.out.persistence.ledger.LedgerProjection;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code tollgate_events_processor_lag{processor}}: how many positions of its event store a tracking processor is
 * behind the head (the store's highest global index minus the processor's position; its slowest segment), read at
 * each scrape — one {@code max(global_index)} query per processor. A processor that has not started yet reads as NaN.
 */
@Component
public class EventProcessorLagMetrics {
    private final EventProcessingConfiguration processing;

    public EventProcessorLagMetrics(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            ObjectProvider<RequestEventStore> requestEvents,
            MeterRegistry registry) {
        this.processing = processing;
        for (String name : new String[] {
            AxonConfiguration.VIEWS, LedgerProjection.PROCESSING_GROUP, AuditLogProjection.PROCESSING_GROUP
        }) {
            register(registry, name, eventStore);
        }
        RequestEventStore requests = requestEvents.getIfAvailable();
        if (requests != null) {
            register(registry, ForeignRequestEvents.PROCESSING_GROUP, requests.follower());
        }
    }

    private void register(MeterRegistry registry, String name, EventStore store) {
        Gauge.builder("tollgate.events.processor.lag", () -> lag(name, store))
                .description("event store positions the processor is behind the head")
                .tag("processor", name)
                .register(registry);
    }

    private double lag(String name, EventStore store) {
        TrackingEventProcessor processor =
                processing.eventProcessor(name, TrackingEventProcessor.class).orElse(null);
        if (processor == null || processor.processingStatus().isEmpty()) {
            return Double.NaN;
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            slowest = Math.min(slowest, status.getCurrentPosition().orElse(-1));
        }
        TrackingToken head = store.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        return Math.max(0, headPosition - slowest);
    }
}
