package dev.tollgate.adapter.out.persistence.organization;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The lists of organisations and members on JPA (ADR 12): their projection and their read adapter. */
@Configuration(proxyBeanMethods = false)
public class OrganizationListPersistenceConfiguration {

    @Bean
    public OrganizationListProjection organizationListProjection(EntityManagerFactory entityManagerFactory) {
        return new OrganizationListProjection(
                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
    }

    @Bean
    public OrganizationListPersistenceAdapter organizationListPersistenceAdapter(
            OrganizationListingRepository organizations, OrganizationMembershipRepository members) {
        return new OrganizationListPersistenceAdapter(organizations, members);
    }
}
