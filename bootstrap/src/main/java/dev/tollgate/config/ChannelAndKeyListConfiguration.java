package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.channel.ChannelListProjection;
import dev.tollgate.adapter.out.persistence.token.TokenListProjection;
import dev.tollgate.application.billing.port.in.KeySpendingUseCase;
import dev.tollgate.application.channel.port.out.ChannelListPort;
import dev.tollgate.application.channel.service.ChannelAccess;
import dev.tollgate.application.channel.service.ChannelListService;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.token.port.out.TokenListPort;
import dev.tollgate.application.token.service.LastUsedTracker;
import dev.tollgate.application.token.service.TokenListService;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The admin API's lists of channels and keys on the JPA read side (ADR 12): {@link ChannelListService} reads {@code
 * channel_listing}, {@link TokenListService} reads {@code token_listing} and merges each page's live figures from the
 * in-memory ledger; both first wait for {@link ProjectionCatchUp}. Processors {@value ChannelListProjection#PROCESSING_GROUP}
 * and {@value TokenListProjection#PROCESSING_GROUP} are set up as the other JPA projections' ({@link
 * AdminReadSideConfiguration#jpaProjection}). The relay keeps routing on the in-memory channel and key directories.
 */
@Configuration(proxyBeanMethods = false)
public class ChannelAndKeyListConfiguration {

    @Bean
    ChannelListService channelListService(ChannelListPort channels, ChannelAccess access, ReadSideCatchUpPort catchUp) {
        return new ChannelListService(channels, access, catchUp);
    }

    @Bean
    TokenListService tokenListService(
            TokenListPort tokens,
            TokenDirectory directory,
            OrganizationDirectory organizations,
            KeySpendingUseCase ledger,
            LastUsedTracker lastUsed,
            ReadSideCatchUpPort catchUp) {
        return new TokenListService(tokens, directory, organizations, ledger, lastUsed, catchUp);
    }

    @Bean
    ConfigurerModule channelListProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return AdminReadSideConfiguration.jpaProjection(
                ChannelListProjection.PROCESSING_GROUP, ChannelListProjection.class, jpa);
    }

    @Bean
    ConfigurerModule tokenListProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return AdminReadSideConfiguration.jpaProjection(
                TokenListProjection.PROCESSING_GROUP, TokenListProjection.class, jpa);
    }
}
