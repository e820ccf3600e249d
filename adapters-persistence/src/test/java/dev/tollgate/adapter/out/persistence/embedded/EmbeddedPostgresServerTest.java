package dev.tollgate.adapter.out.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                    .hasMessageContaining("another Tollgate is already running with data directory")
                    .hasMessageContaining("TOLLGATE_DATA_DIR");
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void givenDataWritten_whenTheServerRestartsOnTheSameDirectory_thenTheDataIsStillThere(@TempDir Path dataDir)
            throws Exception {
        // given
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir);
                Connection c = DriverManager.getConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement()) {
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
        }
    }
}
