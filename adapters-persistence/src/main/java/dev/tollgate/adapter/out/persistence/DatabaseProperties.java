package dev.tollgate.adapter.out.persistence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The database.
 *
 * @param url the JDBC URL of an external PostgreSQL (also {@code spring.datasource.url}); blank: Tollgate runs its
 *     own embedded PostgreSQL under the data directory
 * @param poolSize the connections of the embedded PostgreSQL's pool
 */
@Validated
@ConfigurationProperties("tollgate.db")
public record DatabaseProperties(
        @DefaultValue("") String url,
        @DefaultValue("10") @Positive @Max(1000) int poolSize) {}
