package dev.tollgate.adapter.in.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void givenAPoolTimeOutDeepInTheCauses_whenClassified_thenAnOutage() {
        // given
        Exception failure = new IllegalStateException(
                "could not load",
                new RuntimeException(
                        "Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));

        // when / then
        assertThat(DatabaseOutage.causedBy(failure)).isTrue();
    }

    @Test
    void givenTheServerShuttingDownOrRefusingConnections_whenClassified_thenAnOutage() {
        // when / then
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("Connection refused", "08001")))
                .isTrue();
    }

    @Test
    void givenADatabaseRefusingWrites_whenClassified_thenAnOutage() {
        // when / then
        assertThat(DatabaseOutage.causedBy(new RuntimeException(
                        new SQLException("cannot execute INSERT in a read-only transaction", "25006"))))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("could not extend file: No space left on device", "53100")))
                .isTrue();
    }

    @Test
    void givenAPooledConnectionTheOutageHadClosed_whenClassified_thenAnOutage() {
        // given: Axon wrapping HikariCP's answer on a connection it evicted as broken earlier in the transaction
        Exception failure =
                new RuntimeException("Failed to create a SQL statement", new SQLException("Connection is closed"));

        // when / then
        assertThat(DatabaseOutage.causedBy(failure)).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("Connection is closed by the test", "22000")))
                .isFalse();
    }

    @Test
    void givenAQueryErrorOrNoJdbcCause_whenClassified_thenNotAnOutage() {
        // when / then
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("invalid byte sequence", "22021"))))
                .isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("a bug")))
                .isFalse();
    }
}
