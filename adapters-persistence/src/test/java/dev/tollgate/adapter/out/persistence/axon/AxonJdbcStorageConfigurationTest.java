package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The beans of {@link AxonJdbcStorageConfiguration} against the tables Liquibase created. */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class AxonJdbcStorageConfigurationTest {
    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;

    @Autowired
    AxonJdbcStorageConfigurationTest(ConfigurableApplicationContext context, JdbcTemplate jdbc) {
        this.context = context;
        this.jdbc = jdbc;
    }

    /** A saga state as Jackson stores it. */
    public record BillingSaga(String requestId, long reserved) {}

    @Test
    void givenTheConfiguration_whenAxonAsksForEachSerializerName_thenAJacksonSerializerAnswersEach() {
        // given
        var beans = context.getBeanFactory();

        // when
        Serializer primary = context.getBean(Serializer.class);
        Serializer events = BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, Serializer.class, "eventSerializer");
        Serializer messages =
                BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, Serializer.class, "messageSerializer");

        // then
        assertThat(primary).isInstanceOf(JacksonSerializer.class).isSameAs(context.getBean("serializer"));
        assertThat(events).isInstanceOf(JacksonSerializer.class).isSameAs(context.getBean("eventSerializer"));
        assertThat(messages).isInstanceOf(JacksonSerializer.class).isSameAs(context.getBean("messageSerializer"));
    }

    @Test
    void givenTheTokenStore_whenAProcessorStoresItsPosition_thenItIsReadBackFromAByteaColumn() {
        // given
        JdbcTokenStore tokens = context.getBean(JdbcTokenStore.class);
        TransactionManager transactions = context.getBean(TransactionManager.class);
        String processor = "views-" + UUID.randomUUID();
        tokens.initializeTokenSegments(processor, 2);

        // when
        TrackingToken read = transactions.fetchInTransaction(() -> {
            tokens.fetchToken(processor, 1);
            tokens.storeToken(new GlobalSequenceTrackingToken(42), processor, 1);
            return tokens.fetchToken(processor, 1);
        });

        // then
        assertThat(read).isEqualTo(new GlobalSequenceTrackingToken(42));
        assertThat(tokens.fetchSegments(processor)).containsExactly(0, 1);
        Map<String, Object> row = jdbc.queryForMap("""
                select token_type, owner, timestamp, pg_typeof(token)::text as token_column
                from token_entry where processor_name = ? and segment = 1""", processor);
        assertThat(row)
                .containsEntry("token_type", GlobalSequenceTrackingToken.class.getName())
                .containsEntry("token_column", "bytea");
        assertThat(Instant.parse((String) row.get("timestamp"))).isNotNull();
        assertThat(row.get("owner")).isNotNull();
    }

    @Test
    void givenTheSagaSchema_whenASagaIsStoredAndLookedUp_thenItIsFoundByAssociationAndLoadedBack() {
        // given
        SagaStore<Object> sagas = JdbcSagaStore.builder()
                .connectionProvider(context.getBean(ConnectionProvider.class))
                .sqlSchema(context.getBean(SagaSqlSchema.class))
                .serializer(context.getBean(Serializer.class))
                .build();
        String sagaId = UUID.randomUUID().toString();
        AssociationValue request = new AssociationValue("requestId", "req-" + sagaId);

        // when
        sagas.insertSaga(BillingSaga.class, sagaId, new BillingSaga("req-" + sagaId, 700), Set.of(request));
        Set<String> found = sagas.findSagas(BillingSaga.class, request);
        SagaStore.Entry<BillingSaga> loaded = sagas.loadSaga(BillingSaga.class, sagaId);

        // then
        assertThat(found).containsExactly(sagaId);
        assertThat(loaded.saga()).isEqualTo(new BillingSaga("req-" + sagaId, 700));
        assertThat(loaded.associationValues()).containsExactly(request);
    }

    @Test
    void givenTheDeadLetterSchema_whenAFailedEventIsQueuedAndProcessed_thenItIsStoredReadAndEvicted() {
        // given
        String group = "views-" + UUID.randomUUID();
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .connectionProvider(context.getBean(ConnectionProvider.class))
                .transactionManager(context.getBean(TransactionManager.class))
                .schema(context.getBean(DeadLetterSchema.class))
                .genericSerializer(context.getBean(Serializer.class))
                .eventSerializer(context.getBean(Serializer.class))
                .build();
        ModelPriceSetEvent price = new ModelPriceSetEvent(
                "gpt-4o-mini", 150_000, 600_000, "user:root", Instant.parse("2026-01-01T00:00:00Z"));
        EventMessage<?> failed = new GenericDomainEventMessage<>("ModelPrice", "gpt-4o-mini", 3, price);

        // when
        queue.enqueue(
                "gpt-4o-mini",
                new GenericDeadLetter<>("gpt-4o-mini", failed, new IllegalStateException("view update failed")));
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence("gpt-4o-mini").forEach(letters::add);
        boolean processed = queue.process(letter -> Decisions.evict());

        // then
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.message().getPayload()).isEqualTo(price);
            assertThat(letter.cause())
                    .hasValueSatisfying(c -> assertThat(c.message()).isEqualTo("view update failed"));
            assertThat(letter.enqueuedAt()).isNotNull();
        });
        assertThat(processed).isTrue();
        assertThat(queue.contains("gpt-4o-mini")).isFalse();
    }
}
