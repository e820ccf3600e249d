package dev.tollgate.adapter.out.persistence.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.out.persistence.DatabaseProperties;
import dev.tollgate.adapter.out.persistence.StorageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Without {@code tollgate.db.url} (TOLLGATE_DB_URL), Tollgate runs its own PostgreSQL under {@code tollgate.data-dir}
 * (TOLLGATE_DATA_DIR, default {@code ./data}) and connects to it. With it set, this configuration stays away and
 * Spring Boot's usual {@code spring.datasource.*} data source is used (the application maps TOLLGATE_DB_URL, _USER
 * and _PASSWORD onto it).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
@EnableConfigurationProperties({StorageProperties.class, DatabaseProperties.class})
public class EmbeddedDatabaseConfiguration {
    public static final String EXTERNAL_URL_PROPERTY = "tollgate.db.url";

    @Bean(destroyMethod = "close")
    public EmbeddedPostgresServer embeddedPostgresServer(StorageProperties storage) {
        return EmbeddedPostgresServer.start(storage.dataDir());
    }

    /** Closed before the server it depends on is stopped. */
    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(EmbeddedPostgresServer embeddedPostgresServer, DatabaseProperties database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(embeddedPostgresServer.jdbcUrl());
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(database.poolSize());
        config.setPoolName("tollgate-embedded");
        // a JDBC batch of inserts goes as multi-row inserts: the billing journal's batches (events, usage rows)
        // are stored faster (docs/performance.md)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /** Matches when {@value #EXTERNAL_URL_PROPERTY} is absent or blank. */
    static final class NoExternalDatabase extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty(EXTERNAL_URL_PROPERTY);
            return StringUtils.hasText(url)
                    ? ConditionOutcome.noMatch(EXTERNAL_URL_PROPERTY + " is set: an external PostgreSQL is used")
                    : ConditionOutcome.match(EXTERNAL_URL_PROPERTY + " is not set: the embedded PostgreSQL is used");
        }
    }
}
