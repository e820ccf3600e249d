package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code import one-api …} from the command line: wrong arguments are refused with the usage; a dry run against a
 * one-api SQLite file starts Tollgate on a fresh embedded database without listening, prints the progress and the plan,
 * and exits 0.
 */
class ImportCommandTest {

    @Test
    void givenWrongArguments_whenRun_thenUsageAndExitCode1() {
        // given
        StringBuilder err = new StringBuilder();

        // when
        int code = ImportCommand.run(new String[] {"import", "one-api", "--dry-run"}, line -> {}, err::append);

        // then
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--source is required").contains("usage:");
        assertThat(ImportCommand.parse(new String[] {"import", "new-api", "--source", "x"}, line -> {}))
                .isNull();
        assertThat(ImportCommand.parse(new String[] {"import", "one-api", "--source=/a.db", "--dry-run"}, line -> {}))
                .isEqualTo(new ImportCommand.Arguments("/a.db", true, List.of()));
        assertThat(ImportCommand.parse(
                                new String[] {"import", "one-api", "--source", "/a.db", "--tollgate.data-dir=/d"},
                                line -> {})
                        .settings())
                .containsExactly("--tollgate.data-dir=/d");
        assertThat(ImportCommand.parse(new String[] {"import", "one-api", "--source", "/a.db", "--force"}, line -> {}))
                .isNull();
    }

    @Test
    void givenAOneApiSqliteFile_whenDryRunFromTheCommandLine_thenThePlanIsPrintedAndTheProcessWouldExit0()
            throws Exception {
        // given a one-api database with one OpenAI channel and one user, and a fresh data directory
        Path dir = Files.createTempDirectory("tollgate-import-cli-");
        Path file = dir.resolve("one-api.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = db.createStatement()) {
            st.execute("create table channels (id integer primary key, type integer, \"key\" text, status integer,"
                    + " name text, base_url text, models text, \"group\" text, model_mapping text, priority integer,"
                    + " weight integer, config text)");
            st.execute("insert into channels values (1, 1, 'sk-a', 1, 'openai', '', 'gpt-4o-mini', 'default', '',"
                    + " 0, 0, '')");
            st.execute("create table users (id integer primary key, username text, password text, role integer,"
                    + " status integer, quota integer, \"group\" text)");
            st.execute("insert into users values (1, 'root', '', 100, 1, 0, 'default')");
            st.execute("create table tokens (id integer primary key, user_id integer, \"key\" text)");
            st.execute("create table redemptions (id integer primary key, \"key\" text, status integer)");
            st.execute("create table options (\"key\" text primary key, value text)");
        }
        System.setProperty("tollgate.data-dir", dir.resolve("data").toString());
        System.setProperty("tollgate.root-password", "cli-test-password-123");
        StringBuilder out = new StringBuilder();
        try {
            // when
            int code = ImportCommand.run(
                    new String[] {"import", "one-api", "--source", file.toString(), "--dry-run"},
                    line -> out.append(line).append('\n'),
                    line -> out.append(line).append('\n'));

            // then
            String printed = out.toString();
            assertThat(code).as(printed).isZero();
            assertThat(printed)
                    .contains("[import] read 1 channels, 1 users, 0 keys, 0 redemption codes")
                    .contains("one-api import plan (dry run, nothing changed)")
                    .contains("channel      to create 1");
        } finally {
            System.clearProperty("tollgate.data-dir");
            System.clearProperty("tollgate.root-password");
        }
    }
}
