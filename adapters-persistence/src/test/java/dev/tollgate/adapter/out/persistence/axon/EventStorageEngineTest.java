package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.PostgresTestSupport;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;

class EventStorageEngineTest {
    private final JdbcEventStorageEngine engine = PostgresTestSupport.storageEngine();

    private static ChannelCreatedEvent created(String id) {
        return new ChannelCreatedEvent(id, "main", "openai", "https://api.example.com", List.of("sk-****abcd"),
                List.of("gpt-4o-mini"), Map.of(), List.of("default"), 0, 1, null, "user:root",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void givenAnAggregatesEvents_whenAppendedAndRead_thenTheyComeBackInOrderAsPayloads() {
        // given
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(
                new GenericDomainEventMessage<>("Channel", id, 0, created(id)),
                new GenericDomainEventMessage<>("Channel", id, 1,
                        new ChannelDeletedEvent(id, "user:root", Instant.parse("2026-01-02T00:00:00Z")))));

        // when
        List<? extends DomainEventMessage<?>> read = engine.readEvents(id).asStream().toList();

        // then
        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(read.get(0).getPayload()).isEqualTo(created(id));
        assertThat(read.get(1).getPayload()).isInstanceOf(ChannelDeletedEvent.class);
    }

    @Test
    void givenAStoredSequenceNumber_whenAppendedAgain_thenTheStoreRefusesIt() {
        // given
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("Channel", id, 0, created(id))));

        // when / then
        assertThatThrownBy(() -> engine.appendEvents(List.of(
                new GenericDomainEventMessage<>("Channel", id, 0, created(id)))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.readEvents(id).asStream().count()).isEqualTo(1);
    }

    @Test
    void givenStoredEvents_whenTracking_thenANewEventIsSeenAfterTheOldOnes() {
        // given
        String id = UUID.randomUUID().toString();
        engine.appendEvents(List.of(new GenericDomainEventMessage<>("Channel", id, 0, created(id))));

        // when
        List<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false).toList();

        // then
        assertThat(all).isNotEmpty();
        assertThat(all.getLast().getPayload()).isEqualTo(created(id));
    }
}
