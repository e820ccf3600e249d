package dev.tollgate.adapter.out.persistence;

import dev.tollgate.adapter.out.persistence.axon.AxonJdbcStorageConfiguration;
import dev.tollgate.adapter.out.persistence.channel.ChannelListPersistenceConfiguration;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedDatabaseConfiguration;
import dev.tollgate.adapter.out.persistence.organization.OrganizationListPersistenceConfiguration;
import dev.tollgate.adapter.out.persistence.price.PriceListPersistenceConfiguration;
import dev.tollgate.adapter.out.persistence.redemption.RedemptionBatchListPersistenceConfiguration;
import dev.tollgate.adapter.out.persistence.token.TokenListPersistenceConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * This module's configurations under Spring Boot's auto-configuration (DataSource, Liquibase, JPA with
 * {@code ddl-auto=validate}), as the application runs them. The application gets its {@link EmbeddedEventStore}
 * from Axon's auto-configuration, which is not on this module's classpath.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
    EmbeddedDatabaseConfiguration.class,
    AxonJdbcStorageConfiguration.class,
    PersistenceAdaptersConfiguration.class,
    ReadSideJpaConfiguration.class,
    OrganizationListPersistenceConfiguration.class,
    RedemptionBatchListPersistenceConfiguration.class,
    PriceListPersistenceConfiguration.class,
    ChannelListPersistenceConfiguration.class,
    TokenListPersistenceConfiguration.class
})
public class PersistenceTestApplication {

    @Bean(destroyMethod = "shutDown")
    EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine) {
        return EmbeddedEventStore.builder().storageEngine(eventStorageEngine).build();
    }
}
