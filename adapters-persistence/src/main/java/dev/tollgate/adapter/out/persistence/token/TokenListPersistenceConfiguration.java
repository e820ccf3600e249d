package dev.tollgate.adapter.out.persistence.token;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The list of keys on JPA (ADR 12): its projection and its read adapter. */
@Configuration(proxyBeanMethods = false)
public class TokenListPersistenceConfiguration {

    @Bean
    public TokenListProjection tokenListProjection(EntityManagerFactory entityManagerFactory) {
        return new TokenListProjection(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
    }

    @Bean
    public TokenListPersistenceAdapter tokenListPersistenceAdapter(TokenListingRepository tokens) {
        return new TokenListPersistenceAdapter(tokens);
    }
}
