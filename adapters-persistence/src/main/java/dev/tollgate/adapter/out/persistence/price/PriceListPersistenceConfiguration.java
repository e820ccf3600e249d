package dev.tollgate.adapter.out.persistence.price;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The list of model prices on JPA (ADR 12): its projection and its read adapter. */
@Configuration(proxyBeanMethods = false)
public class PriceListPersistenceConfiguration {

    @Bean
    public PriceListProjection priceListProjection(EntityManagerFactory entityManagerFactory) {
        return new PriceListProjection(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
    }

    @Bean
    public PriceListPersistenceAdapter priceListPersistenceAdapter(PriceListingRepository prices) {
        return new PriceListPersistenceAdapter(prices);
    }
}
