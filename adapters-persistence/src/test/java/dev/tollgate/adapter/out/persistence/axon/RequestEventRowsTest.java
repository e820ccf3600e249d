package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A node's request events, stored through the appender ({@link RequestEventRows}), are the rows Axon's own statement
 * would store: the same payload and metadata bytes, the same timestamp text, type and revision; and they read back as
 * the events appended.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class RequestEventRowsTest {
    private final String node = "node-" + UUID.randomUUID();
    private final Serializer serializer;
    private final RequestEventStore store;
    private final JdbcTemplate jdbc;
    private final SettlementJournalPersistenceAdapter journal;

    @Autowired
    RequestEventRowsTest(
            @Qualifier("eventSerializer") Serializer serializer,
            RequestEventStore store,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.serializer = serializer;
        this.store = store;
        this.jdbc = jdbc;
        this.journal = new SettlementJournalPersistenceAdapter(
                store.appender(), jdbc, transactions, new UsageRecordWriter(jdbc), node);
    }

    @Test
    void givenAReservationAndItsSettlement_whenAppended_thenTheRowsAxonsStatementWouldStore() {
        // given
        String requestId = "req-" + UUID.randomUUID();
        QuotaReservedEvent reserved = new QuotaReservedEvent(
                requestId, "token-1", "user-1", "gpt-4o-mini", 5_000, node, Instant.parse("2026-12-07T15:40:01Z"));
        RequestSettledEvent settled = new RequestSettledEvent(
                requestId,
                "token-1",
                "user-1",
                "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                "channel-\"1\"",
                12,
                8,
                1_600,
                35,
                200,
                "succeeded",
                true,
                Instant.parse("2026-12-07T15:40:01.250Z"),
                3,
                2,
                0,
                0,
                2,
                5_000,
                "org-模型");

        assertThat(serializer)
                .as("the store's JSON serializer, which RequestEventRows stands in for")
                .isInstanceOf(JacksonSerializer.class);

        // when
        assertThat(journal.append(List.of(reserved, settled))).isEqualTo(2);

        // then: column by column, what Axon's serializer and timestamp format make of the same events
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select * from " + RequestEventStore.TABLE + " where aggregate_identifier = ? order by sequence_number",
                requestId);
        assertThat(rows).hasSize(2);
        List<RequestEvent> appended = List.of(reserved, settled);
        for (int i = 0; i < 2; i++) {
            Map<String, Object> row = rows.get(i);
            RequestEvent event = appended.get(i);
            SerializedType type = serializer.typeForClass(event.getClass());
            assertThat(row.get("type")).isEqualTo(SettlementJournalPersistenceAdapter.STREAM_TYPE);
            assertThat(row.get("sequence_number")).isEqualTo((long) i);
            assertThat(row.get("payload_type")).isEqualTo(type.getName());
            assertThat(row.get("payload_revision"))
                    .isEqualTo(type.getRevision())
                    .isNotNull();
            assertThat((byte[]) row.get("payload"))
                    .isEqualTo(serializer.serialize(event, byte[].class).getData());
            assertThat((byte[]) row.get("meta_data"))
                    .isEqualTo(serializer
                            .serialize(MetaData.with(SettlementJournalPersistenceAdapter.NODE, node), byte[].class)
                            .getData());
            assertThat((String) row.get("event_identifier")).startsWith(node + ":");
            String stamp = (String) row.get("time_stamp");
            assertThat(stamp).isEqualTo(DateTimeUtils.formatInstant(DateTimeUtils.parseInstant(stamp)));
        }

        // and: read back whole through the store that replays them
        List<? extends DomainEventMessage<?>> read =
                store.store().readEvents(requestId).asStream().toList();
        assertThat(read.stream().<Object>map(DomainEventMessage::getPayload).toList())
                .containsExactly(reserved, settled);
        assertThat(read)
                .allSatisfy(
                        m -> assertThat(m.getMetaData()).containsEntry(SettlementJournalPersistenceAdapter.NODE, node));
    }

    @Test
    void givenABatchOfSettlements_whenAppended_thenOneRowEachWithIndexesRisingInTheBatchsOrder() {
        // given
        List<RequestSettledEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(new RequestSettledEvent(
                    "req-" + UUID.randomUUID(),
                    "token-1",
                    "user-1",
                    "gpt-4o-mini",
                    "gpt-4o-mini",
                    "channel-1",
                    12,
                    8,
                    100 + i,
                    35,
                    200,
                    "succeeded",
                    false,
                    Instant.parse("2026-12-07T15:40:01.001Z").plusMillis(i)));
        }

        // when
        assertThat(journal.append(batch)).isEqualTo(40);

        // then
        List<String> inIndexOrder = jdbc.queryForList(
                "select aggregate_identifier from " + RequestEventStore.TABLE
                        + " where aggregate_identifier = any (?) order by global_index",
                String.class,
                (Object) batch.stream().map(RequestSettledEvent::requestId).toArray(String[]::new));
        assertThat(inIndexOrder)
                .containsExactlyElementsOf(
                        batch.stream().map(RequestSettledEvent::requestId).toList());
    }
}
