package dev.tollgate.adapter.out.persistence.channel;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The list of channels on JPA (ADR 12): its projection and its read adapter. */
@Configuration(proxyBeanMethods = false)
public class ChannelListPersistenceConfiguration {

    @Bean
    public ChannelListProjection channelListProjection(EntityManagerFactory entityManagerFactory) {
        return new ChannelListProjection(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
    }

    @Bean
    public ChannelListPersistenceAdapter channelListPersistenceAdapter(ChannelListingRepository channels) {
        return new ChannelListPersistenceAdapter(channels);
    }
}
