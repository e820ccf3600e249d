package dev.tollgate.adapter.out.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void givenARunningServer_whenASecondStartsOnTheSameDataDirectory_thenItStopsWithAClearMessage(
            @TempDir Path dataDir) {
        // given
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir)) {
            // when / then
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("another Tollgate is already running with data directory "
                            + dataDir.toAbsolutePath().normalize()
                            + "; stop it or set TOLLGATE_DATA_DIR to another directory");
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void givenAFirstStart_whenConnecting_thenTheTollgateDatabaseExistsOnTheLoopbackAddress(@TempDir Path dataDir)
            throws Exception {
        // when
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
                Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select current_database(), inet_server_addr()::text, "
                        + "current_setting('synchronous_commit')")) {
            // then
            assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo(EmbeddedPostgresServer.DATABASE);
            assertThat(r.getString(2)).startsWith("127.0.0.1");
            assertThat(r.getString(3)).isEqualTo("on");
            assertThat(dataDir.resolve(EmbeddedPostgresServer.POSTGRES_DIRECTORY)
                            .resolve("PG_VERSION"))
                    .exists();
        }
    }

    @Test
    void givenDataWritten_whenTheServerRestartsOnTheSameDirectory_thenTheDataAndThePortAreKept(@TempDir Path dataDir)
            throws Exception {
        // given
        int firstPort;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
                Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement()) {
            firstPort = server.port();
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('still here')");
        }

        // when
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
                Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select v from kept")) {
            // then
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("still here");
            assertThat(server.port()).isEqualTo(firstPort);
            assertThat(Files.readString(dataDir.resolve(EmbeddedPostgresServer.PORT_FILE)))
                    .isEqualTo(Integer.toString(firstPort));
        }
    }
}
