package dev.tollgate.adapter.out.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Tollgate killed with SIGKILL leaves its embedded PostgreSQL running on the data directory; the next start stops
 * that orphan and starts on the same data, instead of failing on PostgreSQL's own lock.
 */
class RestartAfterKillTest {

    @Test
    void givenATollgateKilledWithSigkill_whenStartedAgainOnItsDataDirectory_thenItStartsWithTheDataKept(
            @TempDir Path work) throws Exception {
        // given: another process runs the embedded server, stores a row, and is killed
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
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(started) || !other.isAlive());
        assertThat(other.isAlive())
                .as("the other process runs (see %s)", work.resolve("other.log"))
                .isTrue();
        int port = Integer.parseInt(Files.readString(started));
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/tollgate", "postgres", null);
                Statement st = c.createStatement()) {
            st.execute("create table survived (v int); insert into survived values (42)");
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(0)
                .trim());
        other.destroyForcibly();
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive))
                .as("PostgreSQL outlived it")
                .contains(true);

        // when
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            // then
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select v from survived")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }
}
