package dev.tollgate.adapter.out.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedDatabaseConfigurationTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(EmbeddedDatabaseConfiguration.class);

    @Test
    void givenNoExternalDatabaseUrl_whenTheContextRuns_thenItUsesTheEmbeddedServerAndFreesTheDataDirectoryOnClose(
            @TempDir Path dataDir) throws Exception {
        // given
        ApplicationContextRunner blankUrl =
                runner.withPropertyValues("tollgate.db.url=", "tollgate.data-dir=" + dataDir);

        // when
        blankUrl.run(context -> {
            // then
            assertThat(context).hasSingleBean(EmbeddedPostgresServer.class).hasSingleBean(DataSource.class);
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            assertThat(dataSource.getMaximumPoolSize()).isEqualTo(10);
            assertThat(new JdbcTemplate(dataSource).queryForObject("select current_database()", String.class))
                    .isEqualTo(EmbeddedPostgresServer.DATABASE);
        });
        try (FileChannel channel =
                        FileChannel.open(dataDir.resolve(EmbeddedPostgresServer.LOCK_FILE), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            assertThat(lock).as("the lock is released when the context closes").isNotNull();
        }
    }

    @Test
    void givenAnExternalDatabaseUrl_whenTheContextRuns_thenNoEmbeddedServerIsStarted(@TempDir Path dataDir) {
        // given
        ApplicationContextRunner external = runner.withPropertyValues(
                "tollgate.db.url=jdbc:postgresql://db.example:5432/tollgate", "tollgate.data-dir=" + dataDir);

        // when
        external.run(context -> {
            // then
            assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(EmbeddedPostgresServer.class)
                    .doesNotHaveBean(DataSource.class);
        });
        assertThat(dataDir).isEmptyDirectory();
    }
}
