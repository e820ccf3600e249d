package dev.tollgate.config;

import dev.tollgate.adapter.in.web.audit.ClientOrigin;
import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.account.ExternalIdentityProjection;
import dev.tollgate.adapter.out.persistence.account.UsernameClaimInterceptor;
import dev.tollgate.adapter.out.persistence.audit.AuditLogProjection;
import dev.tollgate.adapter.out.persistence.axon.EventStoreProperties;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.adapter.out.persistence.ledger.LedgerProjection;
import dev.tollgate.application.billing.port.out.QuotaSnapshotPort;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.config.properties.ViewsProperties;
import dev.tollgate.domain.account.PersonalAccessToken;
import dev.tollgate.domain.account.RegistrationPolicy;
import dev.tollgate.domain.account.User;
import dev.tollgate.domain.billing.GroupMultipliers;
import dev.tollgate.domain.billing.IncentivePolicy;
import dev.tollgate.domain.billing.ModelPrice;
import dev.tollgate.domain.billing.RedemptionBatch;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.channel.Channel;
import dev.tollgate.domain.organization.Organization;
import dev.tollgate.domain.token.Token;
import dev.tollgate.domain.token.UserRateLimitPolicy;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon wiring: the event-sourced aggregates (plain domain classes, registered here so the domain needs no Spring
 * stereotype) and the event processor that feeds the in-memory views.
 *
 * <p>Processor {@value #VIEWS}: every in-memory view of the application layer (users, keys, channels and routing,
 * prices, quota). Tracking, one thread, one segment (views depend on the order of events across aggregates: a key's
 * settlements after its issue), batch size 200, an in-memory token store so that every start replays the whole
 * log into memory (the views hold no state of their own anywhere else). The log holds configuration and wallet
 * events only: relayed requests' events are in a store of their own, followed by processor
 * {@value ForeignRequestEvents#PROCESSING_GROUP} from a snapshot.
 *
 * <p>The {@code usage_record} table has no processor: the billing journal writes its rows in the same transaction as
 * the settlement events (one read of every settlement less per request).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ViewsProperties.class)
public class AxonConfiguration {
    public static final String VIEWS = "in-memory-views";

    /**
     * The event store (as Axon's auto-configuration would make it) with a shorter fetch delay: when the processors
     * are caught up, the store is asked for new events every {@code tollgate.events.fetch-delay} (default 100 ms;
     * Axon's default is 1 s). Events this process appends reach its processors at once anyway; the delay is how late
     * another node's events (a key or user disabled there) are seen here — BRIEF G10 asks for 1 s.
     */
    @Bean("eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            EventStoreProperties events) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(events.fetchDelay().toMillis())
                .build();
    }

    @Bean
    ConfigurerModule aggregatesModule() {
        return configurer -> configurer
                .configureAggregate(Channel.class)
                .configureAggregate(Token.class)
                .configureAggregate(UserRateLimitPolicy.class)
                .configureAggregate(User.class)
                .configureAggregate(PersonalAccessToken.class)
                .configureAggregate(Organization.class)
                .configureAggregate(GroupMultipliers.class)
                .configureAggregate(ModelPrice.class)
                .configureAggregate(RegistrationPolicy.class)
                .configureAggregate(Wallet.class)
                .configureAggregate(RedemptionBatch.class)
                .configureAggregate(IncentivePolicy.class);
    }

    @Bean
    ConfigurerModule viewsProcessorModule(ViewsProperties views) {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerTypesMatching(
                        VIEWS,
                        type -> type.getPackageName().startsWith("dev.tollgate.application")
                                && type != ForeignRequestEvents.class)
                .registerTrackingEventProcessor(
                        VIEWS,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(views.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerTokenStore(VIEWS, c -> new InMemoryTokenStore())
                // a handler that fails stops the processor on that event (retried, never skipped): see
                // EventProcessorsHealth
                .registerListenerInvocationErrorHandler(VIEWS, c -> PropagatingErrorHandler.instance());
    }

    /**
     * Processor {@value ForeignRequestEvents#PROCESSING_GROUP}: other processes' reservations and settlements, from
     * the request events' own store ({@link RequestEventStore}). Tracking, one thread, batch 500, an in-memory token
     * store. It does not replay: at every start its first position is that of the quota snapshot
     * ({@link QuotaSnapshotPort}), which is loaded into the {@link QuotaLedger} first, so a start reads one row per
     * account and the open reservations instead of every request ever served (with the positions the snapshot could
     * not see yet as gaps, followed when they appear).
     */
    @Bean
    ConfigurerModule requestEventsProcessorModule(
            ObjectProvider<RequestEventStore> requests,
            ObjectProvider<QuotaSnapshotPort> snapshots,
            ObjectProvider<QuotaLedger> ledger) {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerTypesMatching(
                        ForeignRequestEvents.PROCESSING_GROUP, type -> type == ForeignRequestEvents.class)
                .registerTrackingEventProcessor(
                        ForeignRequestEvents.PROCESSING_GROUP,
                        c -> requests.getObject().follower(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(500)
                                .andInitialTrackingToken(source -> {
                                    QuotaSnapshotPort.QuotaSnapshot snapshot =
                                            snapshots.getObject().load(YearMonth.now(ZoneOffset.UTC));
                                    ledger.getObject().restore(snapshot);
                                    return GapAwareTrackingToken.newInstance(snapshot.position(), snapshot.gaps());
                                }))
                .registerTokenStore(ForeignRequestEvents.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                .registerListenerInvocationErrorHandler(
                        ForeignRequestEvents.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                // its handlers change memory only: no database transaction per batch
                .registerTransactionManager(ForeignRequestEvents.PROCESSING_GROUP, c -> NoTransactionManager.INSTANCE);
        // this process's own events are passed over on their identifier, before their metadata or payload is read
        // (OwnRequestEventsIgnored); the store sends them without either (RequestEventStore)
    }

    /**
     * Processor {@value AuditLogProjection#PROCESSING_GROUP}: the {@code audit_entry} table (every event with an
     * actor). Tracking, one thread, batch 500, its position in {@code token_entry}; from the start of the log on a
     * fresh database; inserts keyed by event id, so a replay changes nothing. Its transactions are JPA's (the rows are
     * entities, ADR 12); the token moves in the same transaction.
     */
    @Bean
    ConfigurerModule auditLogProcessorModule(
            @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER) ObjectProvider<PlatformTransactionManager> jpa) {
        return configurer -> configurer
                .eventProcessing()
                .registerTransactionManager(
                        AuditLogProjection.PROCESSING_GROUP, c -> new SpringTransactionManager(jpa.getObject()))
                .assignHandlerTypesMatching(AuditLogProjection.PROCESSING_GROUP, AuditLogProjection.HANDLERS::contains)
                .registerTrackingEventProcessor(
                        AuditLogProjection.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(500)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    /**
     * Adds the client address and request id of the admin API request being handled ({@link ClientOrigin}) to the
     * metadata of every event published on its thread — events of commands and the once-only events alike — so the
     * audit log can say where a change came from. Events published elsewhere (the billing journal, schedulers) get
     * none.
     */
    @Bean
    Registration clientOriginOnEvents(EventStore eventStore) {
        return eventStore.registerDispatchInterceptor(messages -> {
            var origin = ClientOrigin.current();
            if (origin.isEmpty()) {
                return (i, message) -> message;
            }
            Map<String, String> metaData = Map.of(
                    AuditLogProjection.CLIENT_ADDRESS,
                    origin.get().address(),
                    AuditLogProjection.REQUEST_ID,
                    origin.get().requestId());
            return (i, message) -> message.andMetaData(metaData);
        });
    }

    /**
     * Registrations claim their username in the command's own transaction ({@link UsernameClaimInterceptor}), so two
     * registrations of one name at the same moment cannot both succeed.
     */
    @Bean
    Registration usernameClaims(CommandBus commandBus, JdbcTemplate jdbc) {
        return commandBus.registerHandlerInterceptor(new UsernameClaimInterceptor(jdbc));
    }

    /**
     * Processor {@value ExternalIdentityProjection#PROCESSING_GROUP}: the {@code external_identity} table. Subscribing
     * (no thread of its own): it runs inside the transaction that appends a link event, and its failures propagate,
     * so a unique-key violation (one identity given to two users) rolls the command back.
     */
    @Bean
    ConfigurerModule externalIdentitiesProcessorModule() {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerTypesMatching(
                        ExternalIdentityProjection.PROCESSING_GROUP, type -> type == ExternalIdentityProjection.class)
                .registerSubscribingEventProcessor(ExternalIdentityProjection.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        ExternalIdentityProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /**
     * Processor {@value LedgerProjection#PROCESSING_GROUP}: the {@code wallet_entry} table (top-ups, adjustments,
     * debits, redemptions). Tracking, one thread, its position in {@code token_entry}; from the start of the log on a
     * fresh database.
     */
    @Bean
    ConfigurerModule ledgerProcessorModule() {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerTypesMatching(LedgerProjection.PROCESSING_GROUP, type -> type == LedgerProjection.class)
                .registerTrackingEventProcessor(
                        LedgerProjection.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(500)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(
                        LedgerProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
