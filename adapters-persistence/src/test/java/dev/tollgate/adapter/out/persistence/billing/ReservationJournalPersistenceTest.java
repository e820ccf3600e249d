package dev.tollgate.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/** Reservations in the request's stream, the open reservations kept beside them, and the nodes' heartbeats. */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class ReservationJournalPersistenceTest {
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final SettlementJournalPersistenceAdapter journal;
    private final OpenReservationPersistenceAdapter open;

    @Autowired
    ReservationJournalPersistenceTest(
            dev.tollgate.adapter.out.persistence.axon.RequestEventStore requests,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        this.eventStore = requests.store();
        this.jdbc = jdbc;
        this.journal = new SettlementJournalPersistenceAdapter(
                eventStore, jdbc, transactions, new dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter(jdbc));
        this.open = new OpenReservationPersistenceAdapter(jdbc);
    }

    @Test
    void givenAReservationThenItsSettlement_whenAppended_thenTheStreamHoldsBothInOrderAndNothingStaysOpen() {
        // given
        String id = newRequestId();
        String node = newNode();
        open.heartbeat(node);

        // when
        int first = journal.append(List.of(reserved(id, node, 500)));
        boolean openAfterReservation = isOpen(id);
        int second = journal.append(List.of(settled(id, 120, 500)));

        // then
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(1);
        assertThat(openAfterReservation).isTrue();
        assertThat(isOpen(id)).isFalse();
        List<? extends DomainEventMessage<?>> stream =
                eventStore.readEvents(id).asStream().toList();
        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(stream.get(0).getPayload()).isInstanceOf(QuotaReservedEvent.class);
        assertThat(stream.get(1).getPayload()).isEqualTo(settled(id, 120, 500));
    }

    @Test
    void givenAReservationAndItsSettlementInOneBatch_whenAppended_thenBothAreStoredAndNothingStaysOpen() {
        // given
        String id = newRequestId();

        // when
        int count = journal.append(List.of(reserved(id, newNode(), 500), settled(id, 80, 500)));

        // then
        assertThat(count).isEqualTo(2);
        assertThat(isOpen(id)).isFalse();
        assertThat(usageCost(id)).isEqualTo(80);
    }

    @Test
    void givenASettledRequest_whenASecondSettlementOfItIsAppended_thenItIsSkippedAndTheFirstStands() {
        // given: the request was settled (say, as abandoned by another node) and its own node settles it late
        String id = newRequestId();
        journal.append(List.of(reserved(id, newNode(), 500), settled(id, 0, 500)));

        // when
        int count = journal.append(List.of(settled(id, 300, 500), settled(newRequestId(), 10, 0)));

        // then
        assertThat(count).isEqualTo(1);
        assertThat(eventStore.readEvents(id).asStream().count()).isEqualTo(2);
        assertThat(usageCost(id)).isZero();
    }

    @Test
    void givenReservationsOfALiveAndOfASilentNode_whenAskedForAbandonedOnes_thenOnlyTheSilentNodesAreReturned() {
        // given: the silent node's last heartbeat and its reservation are 2 minutes old
        String live = newNode();
        String silent = newNode();
        open.heartbeat(live);
        open.heartbeat(silent);
        jdbc.update("update billing_node set seen_at = now() - interval '2 minutes' where node = ?", silent);
        String ofLive = newRequestId();
        String ofSilent = newRequestId();
        Instant past = Instant.now().minusSeconds(120);
        journal.append(List.of(reserved(ofLive, live, 100, past), reserved(ofSilent, silent, 200, past)));

        // when
        List<QuotaReservedEvent> abandoned = open.abandoned(Duration.ofSeconds(60), 10_000);

        // then
        assertThat(abandoned)
                .extracting(QuotaReservedEvent::requestId)
                .contains(ofSilent)
                .doesNotContain(ofLive);
        assertThat(abandoned)
                .filteredOn(r -> r.requestId().equals(ofSilent))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.amount()).isEqualTo(200);
                    assertThat(r.node()).isEqualTo(silent);
                });
    }

    @Test
    void givenAFreshReservationOfANodeWithoutHeartbeat_whenAskedForAbandonedOnes_thenItIsNotReturned() {
        // given: a node that has just started and not sent its first heartbeat yet
        String id = newRequestId();
        journal.append(List.of(reserved(id, newNode(), 100)));

        // when
        List<QuotaReservedEvent> abandoned = open.abandoned(Duration.ofSeconds(60), 10_000);

        // then
        assertThat(abandoned).extracting(QuotaReservedEvent::requestId).doesNotContain(id);
    }

    @Test
    void givenASilentNodeWithoutOpenReservations_whenForgotten_thenItsRowIsGoneAndALiveNodesStays() {
        // given
        String live = newNode();
        String gone = newNode();
        open.heartbeat(live);
        open.heartbeat(gone);
        jdbc.update("update billing_node set seen_at = now() - interval '5 minutes' where node = ?", gone);

        // when
        open.forgetSilentNodes(Duration.ofSeconds(60));

        // then
        assertThat(jdbc.queryForList("select node from billing_node", String.class))
                .contains(live)
                .doesNotContain(gone);
    }

    private boolean isOpen(String requestId) {
        Long n = jdbc.queryForObject(
                "select count(*) from open_reservation where request_id = ?", Long.class, requestId);
        return n != null && n > 0;
    }

    private long usageCost(String requestId) {
        Long cost = jdbc.queryForObject("select cost from usage_record where request_id = ?", Long.class, requestId);
        return cost == null ? -1 : cost;
    }

    private static QuotaReservedEvent reserved(String id, String node, long amount) {
        return reserved(id, node, amount, Instant.now());
    }

    private static QuotaReservedEvent reserved(String id, String node, long amount, Instant at) {
        return new QuotaReservedEvent(id, "token-1", "user-1", "gpt-4o-mini", amount, node, at);
    }

    private static RequestSettledEvent settled(String id, long cost, long reserved) {
        return new RequestSettledEvent(
                id,
                "token-1",
                "user-1",
                "gpt-4o-mini",
                "gpt-4o-mini",
                "channel-1",
                12,
                8,
                cost,
                35,
                200,
                "succeeded",
                false,
                Instant.parse("2026-01-01T00:00:00Z"),
                0,
                0,
                0,
                0,
                1,
                reserved,
                null);
    }

    private static String newRequestId() {
        return "req-" + UUID.randomUUID();
    }

    private static String newNode() {
        return UUID.randomUUID().toString();
    }
}
