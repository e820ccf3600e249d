package dev.tollgate.adapter.out.persistence.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without {@code tollgate.db.url} (TOLLGATE_DB_URL), Tollgate runs its own PostgreSQL under the data directory and
 * connects to it. With it set, Spring Boot's usual {@code spring.datasource.*} data source is used instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${tollgate.db.url:}'.isBlank()")
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public EmbeddedPostgresServer embeddedPostgresServer(@Value("${tollgate.data-dir:./data}") String dataDir) {
        return EmbeddedPostgresServer.start(Path.of(dataDir));
    }

    @Bean(destroyMethod = "close")
    public DataSource dataSource(EmbeddedPostgresServer server,
            @Value("${tollgate.db.pool-size:20}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("tollgate-embedded");
        return new HikariDataSource(config);
    }
}
