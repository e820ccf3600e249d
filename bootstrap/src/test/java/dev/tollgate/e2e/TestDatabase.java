package dev.tollgate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL the tests run on: a Testcontainers PostgreSQL 16 when a Docker engine is available, otherwise
 * Tollgate's own embedded PostgreSQL in a fresh data directory. The same tests run either way; never H2.
 */
final class TestDatabase {
    private static PostgreSQLContainer<?> container;

    private TestDatabase() {}

    static synchronized void register(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("tollgate.data-dir", dataDir::toString);
        if (dockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer<>("postgres:16-alpine");
                container.start();
            }
            registry.add("tollgate.db.url", container::getJdbcUrl);
            registry.add("spring.datasource.url", container::getJdbcUrl);
            registry.add("spring.datasource.username", container::getUsername);
            registry.add("spring.datasource.password", container::getPassword);
        }
    }

    static Path newDataDir() {
        try {
            return Files.createTempDirectory("tollgate-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
