package dev.tollgate.adapter.out.persistence.billing;

import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores settlements in Axon's event store (never through the command bus), one transaction per batch. Each event
 * is the only event (sequence 0) of a stream of type {@value #STREAM_TYPE} named by its request id: the unique key on
 * (aggregate identifier, sequence number) refuses a second settlement of the same request.
 *
 * <p>A request id repeated inside a batch is stored once. When a batch hits an already stored request (typically the
 * retry of a batch whose commit was acknowledged too late), the stored ones are skipped and the others are stored one
 * by one; only newly stored events are counted.
 *
 * <p>The {@code usage_record} rows of the batch are written in the same transaction ({@link UsageRecordWriter}).
 *
 * <p>Must be called outside an Axon unit of work (the billing journal's own thread): inside one, the events would
 * be stored only when that unit of work commits.
 */
public class SettlementJournalPersistenceAdapter implements SettlementJournalPort {
    public static final String STREAM_TYPE = "Request";
    private static final Logger log = LoggerFactory.getLogger(SettlementJournalPersistenceAdapter.class);

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final UsageRecordWriter usage;

    public SettlementJournalPersistenceAdapter(EventStore eventStore, JdbcTemplate jdbc,
            PlatformTransactionManager transactions, UsageRecordWriter usage) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.usage = usage;
    }

    /** The events and their usage rows, in one transaction: both or neither. */
    private void store(List<RequestSettledEvent> batch) {
        transaction.executeWithoutResult(status -> {
            eventStore.publish(messages(batch));
            usage.insert(batch);
        });
    }

    @Override
    public int append(List<RequestSettledEvent> events) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("settlements must be appended outside an Axon unit of work");
        }
        List<RequestSettledEvent> batch = firstPerRequest(events);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            store(batch);
            return batch.size();
        } catch (AggregateStreamCreationException | ConcurrencyException duplicate) {
            return appendOneByOne(batch);
        }
    }

    private int appendOneByOne(List<RequestSettledEvent> batch) {
        Set<String> alreadyStored = storedRequestIds(batch);
        log.debug("{} of a batch of {} settlements were already stored; storing the others one by one",
                alreadyStored.size(), batch.size());
        int stored = 0;
        for (RequestSettledEvent event : batch) {
            if (!alreadyStored.contains(event.requestId()) && appendUnlessStored(event)) {
                stored++;
            }
        }
        return stored;
    }

    /** False when another writer stored the request in the meantime. */
    private boolean appendUnlessStored(RequestSettledEvent event) {
        try {
            store(List.of(event));
            return true;
        } catch (AggregateStreamCreationException | ConcurrencyException duplicate) {
            return false;
        }
    }

    private Set<String> storedRequestIds(List<RequestSettledEvent> batch) {
        String[] ids = batch.stream().map(RequestSettledEvent::requestId).toArray(String[]::new);
        return new HashSet<>(jdbc.queryForList("""
                select aggregate_identifier from domain_event_entry
                where aggregate_identifier = any (?) and sequence_number = 0""", String.class, (Object) ids));
    }

    private static List<RequestSettledEvent> firstPerRequest(List<RequestSettledEvent> events) {
        Map<String, RequestSettledEvent> byRequest = new LinkedHashMap<>();
        events.forEach(e -> byRequest.putIfAbsent(e.requestId(), e));
        return List.copyOf(byRequest.values());
    }

    private static List<EventMessage<?>> messages(List<RequestSettledEvent> batch) {
        return batch.stream()
                .<EventMessage<?>>map(e -> new GenericDomainEventMessage<>(STREAM_TYPE, e.requestId(), 0, e,
                        MetaData.emptyInstance()))
                .toList();
    }
}
