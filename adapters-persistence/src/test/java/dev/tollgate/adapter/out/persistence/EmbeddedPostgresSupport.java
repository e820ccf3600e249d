package dev.tollgate.adapter.out.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * One real PostgreSQL per test JVM: Tollgate's embedded server in a temporary data directory, its schema created by
 * the production Liquibase changelog. Tests that share it use fresh ids (the database is never emptied).
 *
 * <p>As a JUnit extension ({@code @ExtendWith(EmbeddedPostgresSupport.class)}) it starts the server before the
 * class and stops it (deleting its directory) when the whole run ends; tests reach it through the static accessors.
 * Spring tests take its connection settings through {@link #register(DynamicPropertyRegistry)}.
 */
public final class EmbeddedPostgresSupport implements BeforeAllCallback {
    public static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.yaml";

    private static Database database;

    /** The running server, its pool and the data directory it lives in. */
    public record Database(Path dataDir, EmbeddedPostgresServer server, HikariDataSource dataSource)
            implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
            server.close();
            try {
                FileSystemUtils.deleteRecursively(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the test data directory " + dataDir, e);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database();
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Stopper.class, key -> new Stopper(), Stopper.class);
    }

    /** Closed by JUnit when the whole run ends. */
    private static final class Stopper implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stop();
        }
    }

    /** Starts the server and applies the changelog on first use. */
    public static synchronized Database database() {
        if (database == null) {
            Path dataDir = newDataDir();
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername(EmbeddedPostgresServer.USER);
            config.setMaximumPoolSize(20);
            config.setPoolName("tollgate-test");
            Database started = new Database(dataDir, server, new HikariDataSource(config));
            try {
                migrate(started.dataSource());
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            database = started;
        }
        return database;
    }

    private static synchronized void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public static DataSource dataSource() {
        return database().dataSource();
    }

    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    public static String jdbcUrl() {
        return database().server().jdbcUrl();
    }

    public static Path dataDir() {
        return database().dataDir();
    }

    /** Points Spring Boot at the test database (an external one for Tollgate: the embedded configuration stays off). */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("tollgate.db.url", EmbeddedPostgresSupport::jdbcUrl);
        registry.add("tollgate.data-dir", () -> dataDir().toString());
        registry.add("spring.datasource.url", EmbeddedPostgresSupport::jdbcUrl);
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
    }

    /** A fresh directory for a test that needs its own data directory. */
    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("tollgate-persistence-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the production changelog to a database of a test's own. */
    public static void migrate(DataSource dataSource) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(CHANGELOG);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        try {
            liquibase.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("the Liquibase changelog could not be applied", e);
        }
    }
}
