package dev.tollgate.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class SettlementJournalPersistenceAdapterTest {
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final SettlementJournalPersistenceAdapter journal;

    @Autowired
    SettlementJournalPersistenceAdapterTest(
            dev.tollgate.adapter.out.persistence.axon.RequestEventStore requests,
            JdbcTemplate jdbc,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.eventStore = requests.store();
        this.jdbc = jdbc;
        this.journal = new SettlementJournalPersistenceAdapter(
                requests.appender(),
                jdbc,
                transactions,
                new dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter(jdbc));
    }

    private long usageRows(String requestId) {
        Long n = jdbc.queryForObject("select count(*) from usage_record where request_id = ?", Long.class, requestId);
        return n == null ? 0 : n;
    }

    @Test
    void givenABatchWithARequestAlreadyStored_whenAppended_thenEachRequestHasOneEventAndOneUsageRow() {
        // given: one of the batch was stored by an earlier (retried) batch
        String old = newRequestId();
        String fresh = newRequestId();
        assertThat(journal.append(List.of(settled(old, 20)))).isEqualTo(1);

        // when
        int stored = journal.append(List.of(settled(old, 20), settled(fresh, 30)));

        // then
        assertThat(stored).isEqualTo(1);
        for (String id : List.of(old, fresh)) {
            assertThat(stored(id)).isEqualTo(1);
            assertThat(usageRows(id)).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select cost from usage_record where request_id = ?", Long.class, fresh))
                .isEqualTo(30);
    }

    @Test
    void givenAHoldSettledInTheSameBatch_whenAppended_thenNoOpenReservationRowAndTheUsageKeepsWhenItWasHeld() {
        // given: one hold settled in its own batch, another whose settlement comes with a later batch
        String together = newRequestId();
        String apart = newRequestId();
        Instant heldAt = Instant.parse("2025-12-31T23:59:59.250Z");

        // when
        int first = journal.append(List.of(held(together, heldAt), settledAfterHold(together), held(apart, heldAt)));
        long openBetween = openReservations(together) + openReservations(apart);
        int second = journal.append(List.of(settledAfterHold(apart)));

        // then: every event stored, the open row only while the hold was open, the time of the hold kept
        assertThat(first).isEqualTo(3);
        assertThat(second).isEqualTo(1);
        assertThat(openBetween).isEqualTo(1);
        assertThat(openReservations(together) + openReservations(apart)).isZero();
        for (String id : List.of(together, apart)) {
            assertThat(jdbc.queryForObject(
                                    "select reserved_at from usage_record where request_id = ?", Timestamp.class, id)
                            .toInstant())
                    .isEqualTo(heldAt);
            assertThat(jdbc.queryForObject("select reserved from usage_record where request_id = ?", Long.class, id))
                    .isEqualTo(100);
        }
    }

    private long openReservations(String requestId) {
        Long n = jdbc.queryForObject(
                "select count(*) from open_reservation where request_id = ?", Long.class, requestId);
        return n == null ? 0 : n;
    }

    private static QuotaReservedEvent held(String requestId, Instant at) {
        return new QuotaReservedEvent(requestId, "token-1", "user-1", "gpt-4o-mini", 100, "node-a", at, "org-1");
    }

    private static RequestSettledEvent settledAfterHold(String requestId) {
        return new RequestSettledEvent(
                requestId,
                "token-1",
                "user-1",
                "gpt-4o-mini",
                "gpt-4o-mini",
                "channel-1",
                12,
                8,
                40,
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
                100,
                "org-1");
    }

    private static RequestSettledEvent settled(String requestId, long cost) {
        return new RequestSettledEvent(
                requestId,
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
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static String newRequestId() {
        return "req-" + UUID.randomUUID();
    }

    private long stored(String requestId) {
        Long n = jdbc.queryForObject(
                "select count(*) from request_event_entry where aggregate_identifier = ?", Long.class, requestId);
        return n == null ? 0 : n;
    }

    @Test
    void givenABatch_whenAppended_thenEverySettlementIsTheOnlyEventOfItsRequestStream() {
        // given
        List<RequestSettledEvent> batch =
                List.of(settled(newRequestId(), 20), settled(newRequestId(), 30), settled(newRequestId(), 40));

        // when
        int count = journal.append(batch);

        // then
        assertThat(count).isEqualTo(3);
        for (RequestSettledEvent event : batch) {
            List<? extends DomainEventMessage<?>> stream =
                    eventStore.readEvents(event.requestId()).asStream().toList();
            assertThat(stream).singleElement().satisfies(m -> {
                assertThat(m.getType()).isEqualTo(SettlementJournalPersistenceAdapter.STREAM_TYPE);
                assertThat(m.getSequenceNumber()).isZero();
                assertThat(m.getPayload()).isEqualTo(event);
            });
        }
    }

    @Test
    void givenABatch_whenAppended_thenAllItsEventsAreWrittenByOneTransaction() {
        // given
        List<RequestSettledEvent> batch =
                IntStream.range(0, 50).mapToObj(i -> settled(newRequestId(), i)).toList();

        // when
        journal.append(batch);

        // then
        Integer transactions = jdbc.queryForObject("""
                select count(distinct xmin::text) from request_event_entry where aggregate_identifier = any (?)""", Integer.class, (Object)
                batch.stream().map(RequestSettledEvent::requestId).toArray(String[]::new));
        assertThat(transactions).isEqualTo(1);
    }

    @Test
    void givenAStoredRequest_whenALaterBatchRepeatsIt_thenOnlyTheNewOnesAreStoredAndCounted() {
        // given
        String repeated = newRequestId();
        journal.append(List.of(settled(repeated, 20)));
        String fresh = newRequestId();
        String alsoFresh = newRequestId();

        // when
        int count = journal.append(List.of(settled(fresh, 25), settled(repeated, 20), settled(alsoFresh, 30)));

        // then
        assertThat(count).isEqualTo(2);
        assertThat(stored(repeated)).isEqualTo(1);
        assertThat(stored(fresh)).isEqualTo(1);
        assertThat(stored(alsoFresh)).isEqualTo(1);
    }

    @Test
    void givenABatchAlreadyStored_whenItIsAppendedAgain_thenNothingIsStoredTwice() {
        // given
        List<RequestSettledEvent> batch = List.of(settled(newRequestId(), 20), settled(newRequestId(), 30));
        journal.append(batch);

        // when
        int count = journal.append(batch);

        // then
        assertThat(count).isZero();
        assertThat(batch).allSatisfy(e -> assertThat(stored(e.requestId())).isEqualTo(1));
    }

    @Test
    void givenTheSameRequestTwiceInOneBatch_whenAppended_thenItIsStoredOnceWithTheFirstSettlement() {
        // given
        String id = newRequestId();

        // when
        int count = journal.append(List.of(settled(id, 20), settled(id, 99)));

        // then
        assertThat(count).isEqualTo(1);
        assertThat(eventStore.readEvents(id).asStream().toList())
                .singleElement()
                .satisfies(m -> assertThat(((RequestSettledEvent) m.getPayload()).cost())
                        .isEqualTo(20));
    }

    @Test
    void givenAnEmptyBatch_whenAppended_thenNothingIsStored() {
        // when
        int count = journal.append(List.of());

        // then
        assertThat(count).isZero();
    }

    @Test
    void givenFourWritersWithOverlappingBatches_whenTheyAppendAtOnce_thenEveryRequestIsStoredAndCountedOnce()
            throws Exception {
        // given
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> newRequestId()).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> counts = new ArrayList<>();

        // when
        try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
            for (int w = 0; w < 4; w++) {
                List<RequestSettledEvent> batch = ids.subList(w * 40, w * 40 + 80).stream()
                        .map(id -> settled(id, 10))
                        .toList();
                counts.add(writers.submit(() -> {
                    start.await();
                    return journal.append(batch);
                }));
            }
            start.countDown();
        }

        // then
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        assertThat(total).isEqualTo(200);
        assertThat(ids).allSatisfy(id -> assertThat(stored(id)).isEqualTo(1));
    }

    @Test
    void givenAnAxonUnitOfWorkOnTheThread_whenAppending_thenItIsRefusedInsteadOfDeferred() {
        // given
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            // when / then
            assertThatThrownBy(() -> journal.append(List.of(settled(newRequestId(), 1))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unit of work");
        } finally {
            unitOfWork.rollback();
        }
    }
}
