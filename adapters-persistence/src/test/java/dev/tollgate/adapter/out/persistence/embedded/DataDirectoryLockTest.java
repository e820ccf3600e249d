package dev.tollgate.adapter.out.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-directory lock across processes, as two Tollgate installations started on one directory would meet. */
class DataDirectoryLockTest {

    @Test
    void givenAnotherProcessRunningOnTheDataDirectory_whenStarting_thenItStopsWithAClearMessageUntilTheOtherEnds(
            @TempDir Path work) throws Exception {
        // given
        Path dataDir = work.resolve("data");
        Path started = work.resolve("other-started");
        Process other = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OtherTollgateProcess.class.getName(),
                        dataDir.toString(),
                        started.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("other.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(started) || !other.isAlive());
            assertThat(other.isAlive())
                    .as("the other process runs (see %s)", work.resolve("other.log"))
                    .isTrue();

            // when / then
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("another Tollgate is already running with data directory "
                            + dataDir.toAbsolutePath().normalize()
                            + "; stop it or set TOLLGATE_DATA_DIR to another directory");
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(60, TimeUnit.SECONDS))
                    .as("the other process stops")
                    .isTrue();
        }

        // then: once the other has stopped, the directory is free again, with its port kept
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(server.port()).isEqualTo(Integer.parseInt(Files.readString(started)));
        }
    }
}
