package dev.tollgate.adapter.out.persistence.axon;

import dev.tollgate.domain.billing.event.RequestEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * The insert of this process's request events into their table: the same rows, columns and text Axon's default
 * statement writes, made without its general serializer for what every request stores. The payload is written by
 * {@link RequestEventJson}; the metadata, the same for every event of a node (its id), is serialised once and its
 * bytes reused while it stays equal; the timestamp is formatted by {@link StoredTimestamps#format}. A batch holding
 * anything but request events, or stored as another data type than bytes, goes to Axon's default statement.
 */
final class RequestEventRows implements AppendEventsStatementBuilder {
    private final RequestEventJson payloads;
    private final Map<Class<?>, SerializedType> types = new ConcurrentHashMap<>();
    private volatile SerializedMetaData lastMetaData;

    RequestEventRows(RequestEventJson payloads) {
        this.payloads = payloads;
    }

    @Override
    public PreparedStatement build(
            Connection connection,
            EventSchema schema,
            Class<?> dataType,
            List<? extends EventMessage<?>> events,
            Serializer serializer,
            TimestampWriter timestampWriter)
            throws SQLException {
        if (dataType != byte[].class || !onlyRequestEvents(events)) {
            return JdbcEventStorageEngineStatements.appendEvents(
                    connection, schema, dataType, events, serializer, timestampWriter);
        }
        PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)");
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = (DomainEventMessage<?>) message;
            RequestEvent payload = (RequestEvent) event.getPayload();
            SerializedType type = types.computeIfAbsent(payload.getClass(), serializer::typeForClass);
            statement.setString(1, event.getIdentifier());
            statement.setString(2, event.getAggregateIdentifier());
            statement.setLong(3, event.getSequenceNumber());
            statement.setString(4, event.getType());
            statement.setString(5, StoredTimestamps.format(event.getTimestamp()));
            statement.setString(6, type.getName());
            statement.setString(7, type.getRevision());
            statement.setBytes(8, payloads.write(payload));
            statement.setBytes(9, metaData(event.getMetaData(), serializer));
            statement.addBatch();
        }
        return statement;
    }

    private static boolean onlyRequestEvents(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?>) || !(event.getPayload() instanceof RequestEvent)) {
                return false;
            }
        }
        return true;
    }

    private byte[] metaData(MetaData metaData, Serializer serializer) {
        SerializedMetaData last = lastMetaData;
        if (last == null || !last.metaData().equals(metaData)) {
            last = new SerializedMetaData(
                    metaData, serializer.serialize(metaData, byte[].class).getData());
            lastMetaData = last;
        }
        return last.bytes();
    }

    /** Metadata and its serialised bytes (never changed after they are made). */
    private record SerializedMetaData(MetaData metaData, byte[] bytes) {}
}
