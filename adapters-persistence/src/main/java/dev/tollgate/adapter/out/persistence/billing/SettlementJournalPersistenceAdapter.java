package dev.tollgate.adapter.out.persistence.billing;

import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores settlements in Axon's event store, one transaction per batch. Each event is the only event (sequence 0)
 * of a stream named by its request id, of type {@value #STREAM_TYPE}: the unique key on (aggregate id, sequence)
 * refuses a second settlement of the same request. When a batch hits such a duplicate, its events are stored one
 * by one and the duplicates skipped.
 */
public class SettlementJournalPersistenceAdapter implements SettlementJournalPort {
    public static final String STREAM_TYPE = "Request";
    private static final Logger log = LoggerFactory.getLogger(SettlementJournalPersistenceAdapter.class);

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    public SettlementJournalPersistenceAdapter(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    @Override
    public int append(List<RequestSettledEvent> events) {
        Map<String, RequestSettledEvent> byRequest = new LinkedHashMap<>();
        events.forEach(e -> byRequest.putIfAbsent(e.requestId(), e));
        List<RequestSettledEvent> batch = List.copyOf(byRequest.values());
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            eventStore.publish(messages(batch));
            return batch.size();
        } catch (RuntimeException batchFailure) {
            if (!containsStoredRequest(batch)) {
                throw batchFailure;
            }
            log.debug("a batch of {} settlements holds an already stored request; storing one by one", batch.size());
            int stored = 0;
            for (RequestSettledEvent event : batch) {
                if (isStored(event.requestId())) {
                    continue;
                }
                eventStore.publish(messages(List.of(event)));
                stored++;
            }
            return stored;
        }
    }

    private boolean containsStoredRequest(List<RequestSettledEvent> batch) {
        return batch.stream().anyMatch(e -> isStored(e.requestId()));
    }

    private boolean isStored(String requestId) {
        Integer n = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = 0 and type = ?", Integer.class, requestId, STREAM_TYPE);
        return n != null && n > 0;
    }

    private static List<EventMessage<?>> messages(List<RequestSettledEvent> batch) {
        List<EventMessage<?>> messages = new ArrayList<>(batch.size());
        for (RequestSettledEvent e : batch) {
            messages.add(new GenericDomainEventMessage<>(STREAM_TYPE, e.requestId(), 0, e, MetaData.emptyInstance()));
        }
        return messages;
    }
}
