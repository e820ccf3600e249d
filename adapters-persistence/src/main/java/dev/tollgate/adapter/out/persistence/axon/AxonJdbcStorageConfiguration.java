package dev.tollgate.adapter.out.persistence.axon;

import dev.tollgate.application.billing.port.out.BillingNode;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's storage on PostgreSQL through JDBC, on tables Liquibase creates with {@code bytea} payloads (Axon's JPA
 * entities would map them to {@code oid} large objects: one extra round trip per event read).
 *
 * <p>Every table and column name is snake_case, the names Axon's JPA entities get under Spring's naming strategy;
 * timestamps are the ISO-8601 UTC text Axon's JDBC components write and read. Axon's own
 * {@code JdbcAutoConfiguration} backs off from every bean defined here, and builds its saga store and dead-letter
 * queues on {@link #sagaSqlSchema()} and {@link #deadLetterSchema()}.
 *
 * <p>The application must exclude {@link #EXCLUDED_AUTOCONFIGURATIONS}, so that Axon's {@code @Lob} JPA entities are
 * never registered (they would fail {@code ddl-auto=validate} against these tables).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class AxonJdbcStorageConfiguration {
    /** Axon auto-configurations that register JPA entities ({@code @Lob} payloads) and JPA stores. */
    public static final String[] EXCLUDED_AUTOCONFIGURATIONS = {
        "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
    };

    /** PostgreSQL's SQLSTATE for a unique-key violation. */
    static final String UNIQUE_VIOLATION = "23505";

    /** Rows fetched per query when reading an aggregate or tracking the log. */
    static final int READ_BATCH_SIZE = 500;

    /**
     * The serializer of snapshots, tokens and sagas. With {@link #eventSerializer()} and
     * {@link #messageSerializer()} it makes the three beans Axon's Spring Boot auto-configuration looks for (each
     * qualified by its name, so that auto-configuration backs off); all three are the same Jackson setup.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        return TollgateSerializers.jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return TollgateSerializers.jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return TollgateSerializers.jackson();
    }

    /** Axon's transactions are Spring's: JDBC writes of the event store join the surrounding Spring transaction. */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager platformTransactionManager) {
        return new SpringTransactionManager(platformTransactionManager);
    }

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public static EventSchema eventSchema() {
        return eventSchema("domain_event_entry");
    }

    /** The layout of Axon's event table, on {@code table} (the request events' table has the same one). */
    static EventSchema eventSchema(String table) {
        return EventSchema.builder()
                .eventTable(table)
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** Maps PostgreSQL's unique violation to Axon's concurrency exceptions (a second event at a sequence). */
    public static PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    public JdbcEventStorageEngine eventStorageEngine(
            ConnectionProvider axonConnectionProvider,
            TransactionManager axonTransactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            ObjectProvider<EventUpcaster> upcasters) {
        return TollgateEventStorageEngine.build(JdbcEventStorageEngine.builder()
                .connectionProvider(axonConnectionProvider)
                .transactionManager(axonTransactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .persistenceExceptionResolver(persistenceExceptionResolver())
                .dataType(byte[].class)
                .schema(eventSchema())
                .batchSize(READ_BATCH_SIZE));
    }

    /**
     * The store of relayed requests' billing events ({@link RequestEventStore}); new events of other nodes are looked
     * for every {@code tollgate.events.fetch-delay}, as on the main store.
     */
    @Bean(destroyMethod = "close")
    public RequestEventStore requestEventStore(
            ConnectionProvider axonConnectionProvider,
            TransactionManager axonTransactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            EventStoreProperties events,
            ObjectProvider<BillingNode> node) {
        BillingNode self = node.getIfAvailable();
        return new RequestEventStore(
                axonConnectionProvider,
                axonTransactionManager,
                eventSerializer,
                events.fetchDelay(),
                self == null ? null : self.id());
    }

    @Bean
    public static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public JdbcTokenStore tokenStore(ConnectionProvider axonConnectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(axonConnectionProvider)
                .serializer(serializer)
                .contentType(byte[].class)
                .schema(tokenSchema())
                .build();
    }

    /** The saga tables; Axon's {@code JdbcAutoConfiguration} builds its {@code JdbcSagaStore} on this schema. */
    @Bean
    public static SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    /** The dead-letter table; Axon's {@code JdbcAutoConfiguration} builds its dead-letter queues on this schema. */
    @Bean
    public static DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
