package dev.tollgate.adapter.out.persistence.axon;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon's event store on PostgreSQL through JDBC, on tables Liquibase creates with {@code bytea} payloads (Axon's JPA
 * entities would map them to {@code oid} large objects: one extra round trip per event read).
 *
 * <p>The application must exclude {@link #EXCLUDED_AUTOCONFIGURATIONS}, so that Axon's {@code @Lob} JPA entities are
 * never registered (they would fail {@code ddl-auto=validate} against these tables).
 */
@Configuration(proxyBeanMethods = false)
public class AxonJdbcStorageConfiguration {
    public static final String[] EXCLUDED_AUTOCONFIGURATIONS = {
        "org.axonframework.springboot.autoconfig.JpaAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration",
        "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration",
    };

    /** PostgreSQL's SQLSTATE for a unique-key violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
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

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public EventStorageEngine eventStorageEngine(ConnectionProvider axonConnectionProvider,
            TransactionManager transactionManager, @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(axonConnectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(new SQLStateResolver(UNIQUE_VIOLATION))
                .dataType(byte[].class)
                .schema(eventSchema())
                .batchSize(500)
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider axonConnectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(axonConnectionProvider)
                .serializer(serializer)
                .contentType(byte[].class)
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }
}
