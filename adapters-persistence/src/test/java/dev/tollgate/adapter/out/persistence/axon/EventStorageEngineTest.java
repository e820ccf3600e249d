package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class EventStorageEngineTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00.654321Z");

    private final JdbcEventStorageEngine engine;
    private final JdbcTemplate jdbc;

    @Autowired
    EventStorageEngineTest(JdbcEventStorageEngine engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    private static ChannelCreatedEvent created(String id) {
        return new ChannelCreatedEvent(
                id,
                "main",
                "openai",
                "https://api.example.com",
                List.of("sk-****abcd"),
                List.of("gpt-4o-mini"),
                Map.of("gpt-4o", "gpt-4o-2024-08-06"),
                List.of("default"),
                0,
                1,
                null,
                Map.of("apiVersion", "2024-10-21"),
                "user:root",
                AT);
    }

    private static GenericDomainEventMessage<?> message(String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Channel", id, sequence, payload, MetaData.with("actor", "user:root"));
    }

    @Test
    void givenAnAggregatesEvents_whenAppendedAndRead_thenTheyComeBackInOrderWithPayloadsAndMetaData() {
        // given
        String id = UUID.randomUUID().toString();
        ChannelDeletedEvent deleted = new ChannelDeletedEvent(id, "user:root", AT.plusSeconds(60));
        engine.appendEvents(List.of(message(id, 0, created(id)), message(id, 1, deleted)));

        // when
        List<? extends DomainEventMessage<?>> read =
                engine.readEvents(id).asStream().toList();

        // then
        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(read).extracting(DomainEventMessage::getType).containsOnly("Channel");
        assertThat(read.get(0).getPayload()).isEqualTo(created(id));
        assertThat(read.get(1).getPayload()).isEqualTo(deleted);
        assertThat(read.get(0).getMetaData()).containsEntry("actor", "user:root");
        assertThat(engine.lastSequenceNumberFor(id)).contains(1L);
    }

    @Test
    void givenAStoredFirstEvent_whenAnotherFirstEventIsAppended_thenTheStoreRefusesItAsAStreamCreationConflict() {
        // given
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(message(id, 0, created(id))));

        // when / then
        assertThatThrownBy(() -> engine.appendEvents(List.of(message(id, 0, created(id)))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.readEvents(id).asStream().count()).isEqualTo(1);
    }

    @Test
    void givenAStoredLaterEvent_whenTheSameSequenceIsAppendedAgain_thenTheStoreRefusesItAsAConcurrencyConflict() {
        // given
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(
                message(id, 0, created(id)),
                message(id, 1, new ChannelStatusChangedEvent(id, "disabled", "maintenance", "user:root", AT))));

        // when / then
        assertThatThrownBy(() -> engine.appendEvents(
                        List.of(message(id, 1, new ChannelStatusChangedEvent(id, "enabled", "done", "user:root", AT)))))
                .isInstanceOf(ConcurrencyException.class);
    }

    @Test
    void givenATokenAtTheHead_whenEventsOfTwoAggregatesAreAppended_thenTrackingReadsExactlyThemInOrder() {
        // given
        TrackingToken head = engine.createHeadToken();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        // when
        engine.appendEvents(List.of(message(first, 0, created(first))));
        engine.appendEvents(List.of(
                message(second, 0, created(second)),
                message(first, 1, new ChannelDeletedEvent(first, "user:root", AT))));
        List<? extends TrackedEventMessage<?>> tracked =
                engine.readEvents(head, false).toList();

        // then
        assertThat(tracked)
                .extracting(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier())
                .containsExactly(first, second, first);
        assertThat(tracked)
                .extracting(TrackedEventMessage::trackingToken)
                .allSatisfy(token -> assertThat(token.covers(head)).isTrue());
        assertThat(tracked.getLast().trackingToken().position()).isPresent();
        assertThat(tracked.getLast().trackingToken().position().getAsLong())
                .isGreaterThan(tracked.getFirst().trackingToken().position().getAsLong());
    }

    @Test
    void givenTheTailToken_whenTracking_thenTheFirstEventReadIsTheOldestOfTheLog() {
        // given
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(message(id, 0, created(id))));
        Long oldest = jdbc.queryForObject("select min(global_index) from domain_event_entry", Long.class);

        // when
        TrackedEventMessage<?> first =
                engine.readEvents(engine.createTailToken(), false).findFirst().orElseThrow();

        // then
        assertThat(first.trackingToken().position()).hasValue(oldest);
    }

    @Test
    void givenAStoredEvent_whenItsRowIsRead_thenThePayloadIsJsonTextAndTheTimestampIsIsoUtcText() {
        // given
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(message(id, 0, created(id))));

        // when
        Map<String, Object> row = jdbc.queryForMap("""
                select type, payload_type, payload_revision, time_stamp, convert_from(payload, 'UTF8') as json,
                       convert_from(meta_data, 'UTF8') as meta
                from domain_event_entry where aggregate_identifier = ?""", id);

        // then
        assertThat(row)
                .containsEntry("type", "Channel")
                .containsEntry("payload_type", ChannelCreatedEvent.class.getName())
                .containsEntry("payload_revision", "2");
        assertThat(Instant.parse((String) row.get("time_stamp"))).isNotNull();
        assertThat((String) row.get("time_stamp")).endsWith("Z");
        assertThat((String) row.get("json"))
                .contains("\"channelId\":\"" + id + "\"")
                .contains("\"at\":\"2026-01-01T00:00:00.654321Z\"");
        assertThat((String) row.get("meta")).contains("\"actor\":\"user:root\"");
    }
}
