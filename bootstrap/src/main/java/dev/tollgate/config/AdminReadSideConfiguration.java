package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.account.UserAccountProjection;
import dev.tollgate.adapter.out.persistence.organization.OrganizationListProjection;
import dev.tollgate.adapter.out.persistence.price.PriceListProjection;
import dev.tollgate.adapter.out.persistence.redemption.RedemptionBatchListProjection;
import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.application.account.service.UserListService;
import dev.tollgate.application.billing.port.out.PriceListPort;
import dev.tollgate.application.billing.port.out.RedemptionBatchListPort;
import dev.tollgate.application.billing.service.PriceListService;
import dev.tollgate.application.billing.service.RedemptionBatchListService;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.ReadSideCatchUpPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.out.OrganizationListPort;
import dev.tollgate.application.organization.service.OrganizationListService;
import dev.tollgate.config.properties.ReadSideProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The admin API's read side on JPA (ADR 12) beyond the audit log: the list of users, read from {@code user_account}
 * by {@link UserListService}; the lists of organisations and members, read from {@code organization_listing} and
 * {@code organization_membership} by {@link OrganizationListService}, after {@link ProjectionCatchUp} has let their
 * processors apply the events stored before the request ({@code tollgate.read-side.catch-up-wait}). The same for the
 * list of redemption batches ({@code redemption_batch_listing}, {@link RedemptionBatchListService}, processor
 * {@value RedemptionBatchListProjection#PROCESSING_GROUP}) and of prices ({@code price_listing},
 * {@link PriceListService}, processor {@value PriceListProjection#PROCESSING_GROUP}).
 *
 * <p>Processors {@value UserAccountProjection#PROCESSING_GROUP} and {@value OrganizationListProjection#PROCESSING_GROUP},
 * each: tracking, one thread, batch 200, its position in
 * {@code token_entry}, from the start of the log on a fresh table; JPA transactions (the token moves in the same one);
 * a handler that fails stops the processor on that event (retried, never skipped).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadSideProperties.class)
public class AdminReadSideConfiguration {

    @Bean
    UserListService userListService(UserAccountsPort users, ReadSideCatchUpPort catchUp) {
        return new UserListService(users, catchUp);
    }

    @Bean
    ProjectionCatchUp projectionCatchUp(
            EventProcessingConfiguration processing, EventStore eventStore, ReadSideProperties properties) {
        return new ProjectionCatchUp(processing, eventStore, properties.catchUpWait());
    }

    @Bean
    OrganizationListService organizationListService(
            OrganizationListPort lists, OrganizationDirectory organizations, ReadSideCatchUpPort catchUp) {
        return new OrganizationListService(lists, organizations, catchUp);
    }

    @Bean
    ConfigurerModule userAccountsProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return jpaProjection(UserAccountProjection.PROCESSING_GROUP, UserAccountProjection.class, jpa);
    }

    @Bean
    ConfigurerModule organizationListProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return jpaProjection(OrganizationListProjection.PROCESSING_GROUP, OrganizationListProjection.class, jpa);
    }

    @Bean
    RedemptionBatchListService redemptionBatchListService(
            RedemptionBatchListPort batches, ReadSideCatchUpPort catchUp, ClockPort clock) {
        return new RedemptionBatchListService(batches, catchUp, clock);
    }

    @Bean
    ConfigurerModule redemptionBatchListProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return jpaProjection(RedemptionBatchListProjection.PROCESSING_GROUP, RedemptionBatchListProjection.class, jpa);
    }

    @Bean
    PriceListService priceListService(PriceListPort prices, ReadSideCatchUpPort catchUp) {
        return new PriceListService(prices, catchUp);
    }

    @Bean
    ConfigurerModule priceListProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return jpaProjection(PriceListProjection.PROCESSING_GROUP, PriceListProjection.class, jpa);
    }

    /** A JPA projection's processor: see the class comment. */
    static ConfigurerModule jpaProjection(
            String processingGroup, Class<?> projection, ObjectProvider<PlatformTransactionManager> jpa) {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerTypesMatching(processingGroup, type -> type == projection)
                .registerTrackingEventProcessor(
                        processingGroup,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(200)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerTransactionManager(processingGroup, c -> new SpringTransactionManager(jpa.getObject()))
                .registerListenerInvocationErrorHandler(processingGroup, c -> PropagatingErrorHandler.instance());
    }
}
