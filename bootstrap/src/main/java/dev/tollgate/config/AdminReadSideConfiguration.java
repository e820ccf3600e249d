package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.account.UserAccountProjection;
import dev.tollgate.application.account.port.out.UserAccountsPort;
import dev.tollgate.application.account.service.UserListService;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The admin API's read side on JPA (ADR 12) beyond the audit log: the list of users, read from {@code user_account}
 * by {@link UserListService}.
 *
 * <p>Processor {@value UserAccountProjection#PROCESSING_GROUP}: tracking, one thread, batch 200, its position in
 * {@code token_entry}, from the start of the log on a fresh table; JPA transactions (the token moves in the same one);
 * a handler that fails stops the processor on that event (retried, never skipped).
 */
@Configuration(proxyBeanMethods = false)
public class AdminReadSideConfiguration {

    @Bean
    UserListService userListService(UserAccountsPort users) {
        return new UserListService(users);
    }

    @Bean
    ConfigurerModule userAccountsProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerTypesMatching(
                        UserAccountProjection.PROCESSING_GROUP, type -> type == UserAccountProjection.class)
                .registerTrackingEventProcessor(
                        UserAccountProjection.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(200)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerTransactionManager(
                        UserAccountProjection.PROCESSING_GROUP, c -> new SpringTransactionManager(jpa.getObject()))
                .registerListenerInvocationErrorHandler(
                        UserAccountProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
