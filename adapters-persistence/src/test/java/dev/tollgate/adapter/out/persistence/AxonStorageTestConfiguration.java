package dev.tollgate.adapter.out.persistence;

import dev.tollgate.adapter.out.persistence.axon.AxonJdbcStorageConfiguration;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The production Axon storage configuration on the shared test database, without Spring Boot: what Axon's
 * auto-configuration adds around it in the application (the {@link EmbeddedEventStore}) is declared here.
 */
@Configuration(proxyBeanMethods = false)
@Import(AxonJdbcStorageConfiguration.class)
public class AxonStorageTestConfiguration {

    /** Owned by {@link EmbeddedPostgresSupport}, which closes it when the run ends. */
    @Bean(destroyMethod = "")
    DataSource dataSource() {
        return EmbeddedPostgresSupport.dataSource();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean(destroyMethod = "shutDown")
    EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine) {
        return EmbeddedEventStore.builder().storageEngine(eventStorageEngine).build();
    }
}
