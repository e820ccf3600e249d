package dev.tollgate.adapter.out.persistence;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * JPA for the admin API's read side (ADR 12): the entities and Spring Data repositories of this module, nothing
 * else. Two transaction managers, so that JPA costs the hot path nothing:
 * <ul>
 * <li>{@code transactionManager} ({@link Primary}): plain JDBC, as before JPA came back — the event store, the
 * settlement journal, allowances, leases, rate limits and every other JDBC adapter;</li>
 * <li>{@value #TRANSACTION_MANAGER}: JPA's, for the repositories and for the event processors that keep the JPA
 * projections (a JPA transaction also binds its JDBC connection, so the processor's token moves in it).</li>
 * </ul>
 * Hibernate never creates or changes a table ({@code ddl-auto=validate}: Liquibase owns the schema).
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackages = ReadSideJpaConfiguration.PACKAGE)
@EnableJpaRepositories(
        basePackages = ReadSideJpaConfiguration.PACKAGE,
        transactionManagerRef = ReadSideJpaConfiguration.TRANSACTION_MANAGER)
public class ReadSideJpaConfiguration {
    public static final String TRANSACTION_MANAGER = "jpaTransactionManager";
    static final String PACKAGE = "dev.tollgate.adapter.out.persistence";

    /** The JDBC transactions of every adapter but the JPA ones (what Spring Boot makes when JPA is absent). */
    @Bean
    @Primary
    public JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean(TRANSACTION_MANAGER)
    public JpaTransactionManager jpaTransactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    /**
     * Hibernate as this module needs it, whatever the application's properties say: the schema validated, never
     * changed; a projection's inserts sent in JDBC batches at the commit.
     */
    @Bean
    public HibernatePropertiesCustomizer readSideHibernateProperties() {
        return properties -> {
            properties.put(AvailableSettings.HBM2DDL_AUTO, "validate");
            properties.put(AvailableSettings.STATEMENT_BATCH_SIZE, "100");
            properties.put(AvailableSettings.ORDER_INSERTS, "true");
        };
    }
}
