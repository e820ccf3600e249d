package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.migration.OneApiJdbcSource;
import dev.tollgate.application.migration.port.out.OneApiSnapshot;
import dev.tollgate.domain.common.InvalidValueException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The one-api reader on real databases: a SQLite file and a MariaDB server (the Debian package, started by the test)
 * filled the same way read as the same records; what is not a one-api database is refused with the reason.
 */
class OneApiSourceDatabasesTest {
    private static final String MODEL = "gpt-src";
    private static final String UPSTREAM = "http://127.0.0.1:9";

    private static OneApiSnapshot sqlite() throws Exception {
        Path file = Files.createTempFile("one-api-", ".db");
        Files.delete(file);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            OneApiDatabase.create(db, OneApiDatabase.Dialect.SQLITE, MODEL, UPSTREAM);
        }
        try {
            return new OneApiJdbcSource().read(file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void givenOneApiInSqlite_whenRead_thenEveryColumnIsReadAsOneApiMeantIt() throws Exception {
        // when
        OneApiSnapshot s = sqlite();

        // then
        OneApiSnapshot.OneApiChannel main = s.channels().getFirst();
        assertThat(main.keys()).containsExactly("sk-up-one", "sk-up-two", "sk-up-three");
        assertThat(main.models()).containsExactly(MODEL, MODEL + "-alias");
        assertThat(main.groups()).containsExactly("default", "imp-vip");
        assertThat(main.modelMapping()).containsEntry(MODEL + "-alias", MODEL);
        assertThat(main.priority()).isEqualTo(5);
        assertThat(s.channels().get(3).other()).isEqualTo("2024-02-01");
        assertThat(s.users().get(1).larkId()).isEqualTo("ou_alice_import");
        assertThat(s.users().get(1).group()).isEqualTo("imp-vip");
        assertThat(s.users().get(3).username()).isEqualTo("张三");
        assertThat(s.tokens().getFirst().key()).isEqualTo(OneApiDatabase.LIMITED_KEY);
        assertThat(s.tokens().get(1).unlimitedQuota()).isTrue();
        assertThat(s.tokens().get(2).expiredTime()).isPositive();
        assertThat(s.tokens().get(4).subnets()).containsExactly("10.0.0.0/8", "192.168.1.0/24");
        assertThat(s.redemptions())
                .extracting(OneApiSnapshot.OneApiRedemption::status)
                .containsExactly(1, 3);
        assertThat(s.modelRatio().get(MODEL)).isEqualByComparingTo("0.5");
    }

    @Test
    void givenOneApiInMariaDb_whenRead_thenTheSameRecordsAsFromSqlite() throws Exception {
        Assumptions.assumeTrue(LocalMariaDb.available(), "mariadb-server is not installed");
        // given
        try (LocalMariaDb maria = new LocalMariaDb()) {
            try (Connection c = DriverManager.getConnection(maria.url(""), "root", "");
                    Statement st = c.createStatement()) {
                st.execute("create database oneapi character set utf8mb4");
            }
            try (Connection c = DriverManager.getConnection(maria.url("oneapi"), "root", "")) {
                OneApiDatabase.create(c, OneApiDatabase.Dialect.MARIADB, MODEL, UPSTREAM);
            }

            // when (one-api's own DSN form is a mysql URL)
            OneApiSnapshot fromMaria = new OneApiJdbcSource()
                    .read(maria.url("oneapi").replace("jdbc:mariadb:", "jdbc:mysql:") + "?user=root");

            // then
            assertThat(fromMaria)
                    .usingRecursiveComparison()
                    .ignoringFields("users.passwordHash")
                    .isEqualTo(sqlite());
        }
    }

    @Test
    void givenUnreadableJsonInARowOrAnOption_whenRead_thenTheRowAndTheOptionNameTheProblem() throws Exception {
        // given
        Path file = Files.createTempFile("one-api-", ".db");
        Files.delete(file);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = db.createStatement()) {
            OneApiDatabase.create(db, OneApiDatabase.Dialect.SQLITE, MODEL, UPSTREAM);
            st.execute("update channels set model_mapping = '[\"not\", \"an object\"]' where id = 1");
            st.execute("update options set value = '{\"gpt-src\": \"cheap\"}' where \"key\" = 'ModelRatio'");
            st.execute("update options set value = '{oops' where \"key\" = 'GroupRatio'");
        }

        // when
        OneApiSnapshot s = new OneApiJdbcSource().read(file.toString());

        // then
        assertThat(s.channels().getFirst().problem()).contains("model_mapping is not a JSON object");
        assertThat(s.channels().get(1).problem()).isNull();
        assertThat(s.optionProblems())
                .containsEntry("ModelRatio", "ModelRatio: the ratio of 'gpt-src' is not a number")
                .containsKey("GroupRatio");
        assertThat(s.modelRatio()).isEmpty();
        assertThat(s.completionRatio()).containsKey(MODEL);
        Files.deleteIfExists(file);
    }

    @Test
    void givenSomethingElse_whenRead_thenRefusedWithTheReason() throws Exception {
        // given
        Path empty = Files.createTempFile("not-one-api-", ".db");
        Files.delete(empty);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + empty)) {
            db.createStatement().execute("create table something (id integer)");
        }

        // then
        assertThatThrownBy(() -> new OneApiJdbcSource().read(empty.toString()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("no such table");
        assertThatThrownBy(() -> new OneApiJdbcSource().read("/nonexistent/one-api.db"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> new OneApiJdbcSource().read("jdbc:derby:memory:x"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("SQLite, PostgreSQL or MySQL");
        Files.deleteIfExists(empty);
    }
}
