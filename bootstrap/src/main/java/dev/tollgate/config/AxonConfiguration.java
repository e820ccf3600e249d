package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.ledger.LedgerProjection;
import dev.tollgate.domain.account.RegistrationPolicy;
import dev.tollgate.domain.billing.RedemptionBatch;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.account.User;
import dev.tollgate.domain.billing.ModelPrice;
import dev.tollgate.domain.channel.Channel;
import dev.tollgate.domain.token.Token;
import dev.tollgate.domain.token.UserRateLimitPolicy;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring: the event-sourced aggregates (plain domain classes, registered here so the domain needs no Spring
 * stereotype) and the event processor that feeds the in-memory views.
 *
 * <p>Processor {@value #VIEWS}: every in-memory view of the application layer (users, keys, channels and routing,
 * prices, quota). Tracking, one thread, one segment (views depend on the order of events across aggregates: a key's
 * settlements after its issue), batch size 200, an in-memory token store so that every start replays the whole
 * log into memory (the views hold no state of their own anywhere else).
 *
 * <p>The {@code usage_record} table has no processor: the billing journal writes its rows in the same transaction as
 * the settlement events (one read of every settlement less per request).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {
    public static final String VIEWS = "in-memory-views";

    @Bean
    ConfigurerModule aggregatesModule() {
        return configurer -> configurer
                .configureAggregate(Channel.class)
                .configureAggregate(Token.class)
                .configureAggregate(UserRateLimitPolicy.class)
                .configureAggregate(User.class)
                .configureAggregate(ModelPrice.class)
                .configureAggregate(RegistrationPolicy.class)
                .configureAggregate(Wallet.class)
                .configureAggregate(RedemptionBatch.class)
                .configureAggregate(dev.tollgate.domain.billing.IncentivePolicy.class);
    }

    @Bean
    ConfigurerModule viewsProcessorModule(@Value("${tollgate.views.batch-size:200}") int batchSize) {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(VIEWS,
                        type -> type.getPackageName().startsWith("dev.tollgate.application"))
                .registerTrackingEventProcessor(VIEWS, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerTokenStore(VIEWS, c -> new InMemoryTokenStore());
    }

    /**
     * Processor {@value LedgerProjection#PROCESSING_GROUP}: the {@code wallet_entry} table (top-ups, adjustments,
     * debits, redemptions). Tracking, one thread, its position in {@code token_entry}; from the start of the log on a
     * fresh database.
     */
    @Bean
    ConfigurerModule ledgerProcessorModule() {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(LedgerProjection.PROCESSING_GROUP, type -> type == LedgerProjection.class)
                .registerTrackingEventProcessor(LedgerProjection.PROCESSING_GROUP, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(500)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }
}
