package dev.tollgate.adapter.out.persistence;

import dev.tollgate.adapter.out.persistence.axon.AxonJdbcStorageConfiguration;
import dev.tollgate.adapter.out.persistence.axon.TollgateSerializers;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One real PostgreSQL (Tollgate's embedded one, in a temporary data directory) per test JVM, with the schema
 * created by the production Liquibase changelog.
 */
public final class PostgresTestSupport {
    private static EmbeddedPostgresServer server;
    private static DataSource dataSource;
    private static Path dataDir;

    private PostgresTestSupport() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                dataDir = Files.createTempDirectory("tollgate-persistence-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = EmbeddedPostgresServer.start(dataDir);
            dataSource = new DriverManagerDataSource(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
            SpringLiquibase liquibase = new SpringLiquibase();
            liquibase.setDataSource(dataSource);
            liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
            liquibase.setResourceLoader(new DefaultResourceLoader());
            try {
                liquibase.afterPropertiesSet();
            } catch (Exception e) {
                throw new IllegalStateException("Liquibase failed", e);
            }
        }
        return dataSource;
    }

    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    public static Path dataDir() {
        dataSource();
        return dataDir;
    }

    /** The production event storage engine on the test database, in Spring-managed JDBC transactions. */
    public static JdbcEventStorageEngine storageEngine() {
        DataSource ds = dataSource();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(ds)))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(ds)))
                .eventSerializer(TollgateSerializers.jackson())
                .snapshotSerializer(TollgateSerializers.jackson())
                .persistenceExceptionResolver(new SQLStateResolver("23505"))
                .dataType(byte[].class)
                .schema(AxonJdbcStorageConfiguration.eventSchema())
                .build();
    }

    public static EmbeddedEventStore eventStore() {
        return EmbeddedEventStore.builder().storageEngine(storageEngine()).build();
    }
}
