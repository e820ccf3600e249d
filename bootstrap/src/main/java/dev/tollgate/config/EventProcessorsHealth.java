package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.account.UserAccountProjection;
import dev.tollgate.adapter.out.persistence.channel.ChannelListProjection;
import dev.tollgate.adapter.out.persistence.ledger.LedgerProjection;
import dev.tollgate.adapter.out.persistence.organization.OrganizationListProjection;
import dev.tollgate.adapter.out.persistence.price.PriceListProjection;
import dev.tollgate.adapter.out.persistence.redemption.RedemptionBatchListProjection;
import dev.tollgate.adapter.out.persistence.token.TokenListProjection;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The event processors that keep money and access views current — the in-memory views (keys, channels, prices,
 * balances), other processes' request events and the wallet ledger — stop on an event their handlers cannot apply
 * (they retry it, never skip it: a skipped credit or charge would leave a balance wrong without a trace). This makes
 * such a stop loud: {@code /actuator/health} is DOWN (component {@code eventProcessors}, with the processor and the
 * error), and {@code tollgate_events_processor_error{processor}} is 1 while it lasts.
 */
@Component("eventProcessors")
public class EventProcessorsHealth implements HealthIndicator {
    static final String[] WATCHED = {
        AxonConfiguration.VIEWS,
        ForeignRequestEvents.PROCESSING_GROUP,
        LedgerProjection.PROCESSING_GROUP,
        UserAccountProjection.PROCESSING_GROUP,
        OrganizationListProjection.PROCESSING_GROUP,
        RedemptionBatchListProjection.PROCESSING_GROUP,
        PriceListProjection.PROCESSING_GROUP,
        ChannelListProjection.PROCESSING_GROUP,
        TokenListProjection.PROCESSING_GROUP
    };

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealth(EventProcessingConfiguration processing, MeterRegistry registry) {
        this.processing = processing;
        for (String name : WATCHED) {
            Gauge.builder("tollgate.events.processor.error", () -> error(name) == null ? 0 : 1)
                    .description("1 while the event processor is stopped on an event it cannot apply")
                    .tag("processor", name)
                    .register(registry);
        }
    }

    @Override
    public Health health() {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : WATCHED) {
            String error = error(name);
            if (error != null) {
                errors.put(name, error);
            }
        }
        return errors.isEmpty()
                ? Health.up().build()
                : Health.down().withDetails(Map.copyOf(errors)).build();
    }

    /** The error a processor is stopped on, or null when it runs. */
    private String error(String name) {
        TrackingEventProcessor processor =
                processing.eventProcessor(name, TrackingEventProcessor.class).orElse(null);
        if (processor == null) {
            return null;
        }
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            if (status.isErrorState()) {
                Throwable e = status.getError();
                return e == null ? "stopped on an error" : e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        return null;
    }
}
