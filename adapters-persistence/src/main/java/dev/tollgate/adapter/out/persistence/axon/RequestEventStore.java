package dev.tollgate.adapter.out.persistence.axon;

import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The event store of relayed requests' billing events ({@code QuotaReservedEvent}, {@code RequestSettledEvent}), on
 * the table {@value #TABLE}: the layout of {@code domain_event_entry}, apart from it so that the views processor's
 * replay at start reads only configuration and wallet events, however many requests were ever served. Other nodes'
 * request events are followed from this store by the {@code request-events} processor.
 *
 * <p>Not an {@code EventStore} bean: Axon's configuration keeps exactly one event bus, the main store.
 */
public final class RequestEventStore implements AutoCloseable {
    public static final String TABLE = "request_event_entry";

    private final EmbeddedEventStore store;
    private final EmbeddedEventStore appender;

    public RequestEventStore(
            ConnectionProvider connections,
            TransactionManager transactions,
            Serializer serializer,
            Duration fetchDelay) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(AxonJdbcStorageConfiguration.persistenceExceptionResolver())
                .dataType(byte[].class)
                .schema(AxonJdbcStorageConfiguration.eventSchema(TABLE))
                .batchSize(AxonJdbcStorageConfiguration.READ_BATCH_SIZE)
                .build();
        this.store = EmbeddedEventStore.builder()
                .storageEngine(engine)
                .fetchDelay(fetchDelay.toMillis())
                .build();
        this.appender = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    /** The store to follow from a tracking token: other nodes' events are looked for every fetch delay. */
    public EventStore store() {
        return store;
    }

    /**
     * The same table, for appending this process's own request events. Appending through {@link #store()} would wake
     * its followers after every batch, to read back events this process already applied and skips; appended here,
     * they are read with the others' at the next fetch.
     */
    public EventStore appender() {
        return appender;
    }

    @Override
    public void close() {
        appender.shutDown();
        store.shutDown();
    }
}
