package dev.tollgate.adapter.out.persistence.redemption;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The list of redemption batches on JPA (ADR 12): its projection and its read adapter. */
@Configuration(proxyBeanMethods = false)
public class RedemptionBatchListPersistenceConfiguration {

    @Bean
    public RedemptionBatchListProjection redemptionBatchListProjection(EntityManagerFactory entityManagerFactory) {
        return new RedemptionBatchListProjection(
                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
    }

    @Bean
    public RedemptionBatchListPersistenceAdapter redemptionBatchListPersistenceAdapter(
            RedemptionBatchListingRepository batches) {
        return new RedemptionBatchListPersistenceAdapter(batches);
    }
}
