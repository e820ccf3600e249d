package dev.tollgate.adapter.out.persistence.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithoutGapsStatementBuilder;

/**
 * The follower's reads of the request events' table with this process's own rows blanked: their payload and
 * metadata come back as empty byte arrays, every other column as stored. The rows themselves are still returned,
 * in order, so that a tracking token moves over them and they never look like gaps; only the bytes the follower
 * would skip anyway (the node's own events are recognised by their identifier and never handled) are not sent by
 * the database and not decoded by the driver. A row is this process's when its identifier starts with
 * {@code <node>:} (see {@code ForeignRequestEvents#eventIdentifier}).
 */
final class OwnEventsBlanked
        implements ReadEventDataWithGapsStatementBuilder, ReadEventDataWithoutGapsStatementBuilder {
    private final String ownPrefix;

    /** @param node this process's id; node ids have no colon */
    OwnEventsBlanked(String node) {
        this.ownPrefix = node + ":";
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        return prepare(connection, schema, globalIndex, batchSize, List.of());
    }

    @Override
    public PreparedStatement build(
            Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
            throws SQLException {
        return prepare(connection, schema, globalIndex, batchSize, gaps);
    }

    private PreparedStatement prepare(
            Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema, gaps.size()));
        int i = 0;
        statement.setString(++i, ownPrefix);
        statement.setString(++i, ownPrefix);
        statement.setLong(++i, globalIndex);
        statement.setLong(++i, globalIndex + batchSize);
        for (Long gap : gaps) {
            statement.setLong(++i, gap);
        }
        return statement;
    }

    /** The same selection as Axon's default statements, with the two blanked columns. */
    static String sql(EventSchema schema, int gaps) {
        String own = "starts_with(" + schema.eventIdentifierColumn() + ", ?)";
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(schema.globalIndexColumn())
                .append(", ")
                .append(schema.typeColumn())
                .append(", ")
                .append(schema.aggregateIdentifierColumn())
                .append(", ")
                .append(schema.sequenceNumberColumn())
                .append(", ")
                .append(schema.eventIdentifierColumn())
                .append(", ")
                .append(schema.timestampColumn())
                .append(", ")
                .append(schema.payloadTypeColumn())
                .append(", ")
                .append(schema.payloadRevisionColumn())
                .append(", CASE WHEN ")
                .append(own)
                .append(" THEN ''::bytea ELSE ")
                .append(schema.payloadColumn())
                .append(" END AS ")
                .append(schema.payloadColumn())
                .append(", CASE WHEN ")
                .append(own)
                .append(" THEN ''::bytea ELSE ")
                .append(schema.metaDataColumn())
                .append(" END AS ")
                .append(schema.metaDataColumn())
                .append(" FROM ")
                .append(schema.domainEventTable())
                .append(" WHERE (")
                .append(schema.globalIndexColumn())
                .append(" > ? AND ")
                .append(schema.globalIndexColumn())
                .append(" <= ?)");
        if (gaps > 0) {
            sql.append(" OR ").append(schema.globalIndexColumn()).append(" IN (");
            for (int g = 0; g < gaps; g++) {
                sql.append(g == 0 ? "?" : ",?");
            }
            sql.append(')');
        }
        return sql.append(" ORDER BY ")
                .append(schema.globalIndexColumn())
                .append(" ASC")
                .toString();
    }
}
