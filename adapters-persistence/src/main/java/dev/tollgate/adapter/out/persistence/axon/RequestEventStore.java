package dev.tollgate.adapter.out.persistence.axon;

import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event store of relayed requests' billing events ({@code QuotaReservedEvent}, {@code RequestSettledEvent}), on
 * the table {@value #TABLE}: the layout of {@code domain_event_entry}, apart from it so that the views processor's
 * replay at start reads only configuration and wallet events, however many requests were ever served. Other nodes'
 * request events are followed by the {@code request-events} processor through {@link #follower()}, which reads this
 * process's own rows without their payload and metadata (a tracking token still passes over them).
 *
 * <p>Not an {@code EventStore} bean: Axon's configuration keeps exactly one event bus, the main store.
 */
public final class RequestEventStore implements AutoCloseable {
    public static final String TABLE = "request_event_entry";

    private final EmbeddedEventStore store;
    private final EmbeddedEventStore follower;
    private final EmbeddedEventStore appender;

    /**
     * @param ownNode this process's id when its own events carry it in their identifiers (they are read back with
     *     their payload and metadata blanked, {@link OwnEventsBlanked}); {@code null} reads every row whole
     */
    public RequestEventStore(
            ConnectionProvider connections,
            TransactionManager transactions,
            Serializer serializer,
            Duration fetchDelay,
            String ownNode) {
        this.store = EmbeddedEventStore.builder()
                .storageEngine(TollgateEventStorageEngine.build(engine(connections, transactions, serializer)))
                .fetchDelay(fetchDelay.toMillis())
                .build();
        JdbcEventStorageEngine.Builder followed = engine(connections, transactions, serializer);
        if (ownNode != null) {
            OwnEventsBlanked reads = new OwnEventsBlanked(ownNode);
            followed.readEventDataWithGaps(reads).readEventDataWithoutGaps(reads);
        }
        this.follower = EmbeddedEventStore.builder()
                .storageEngine(TollgateEventStorageEngine.build(followed))
                .fetchDelay(fetchDelay.toMillis())
                .build();
        JdbcEventStorageEngine.Builder appending = engine(connections, transactions, serializer);
        if (serializer instanceof JacksonSerializer jackson) {
            appending.appendEvents(new RequestEventRows(
                    new RequestEventJson(jackson.getObjectMapper().getFactory())));
        }
        this.appender = EmbeddedEventStore.builder()
                .storageEngine(TollgateEventStorageEngine.build(appending))
                .build();
    }

    private static JdbcEventStorageEngine.Builder engine(
            ConnectionProvider connections, TransactionManager transactions, Serializer serializer) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(AxonJdbcStorageConfiguration.persistenceExceptionResolver())
                .dataType(byte[].class)
                .schema(AxonJdbcStorageConfiguration.eventSchema(TABLE))
                .batchSize(AxonJdbcStorageConfiguration.READ_BATCH_SIZE);
    }

    /** Every request event, whole: to read or replay them (other nodes' events are looked for every fetch delay). */
    public EventStore store() {
        return store;
    }

    /**
     * The same events for the {@code request-events} processor, which handles other processes' events only: this
     * process's own rows come without payload and metadata ({@link OwnEventsBlanked}), which it never reads.
     */
    public EventStore follower() {
        return follower;
    }

    /**
     * The same table, for appending this process's own request events. Appending through {@link #store()} would wake
     * its followers after every batch, to read back events this process already applied and skips; appended here,
     * they are read with the others' at the next fetch. With the JSON serializer, the rows are written by
     * {@link RequestEventRows}: the same bytes, without the serializer's reflection.
     */
    public EventStore appender() {
        return appender;
    }

    @Override
    public void close() {
        appender.shutDown();
        follower.shutDown();
        store.shutDown();
    }
}
