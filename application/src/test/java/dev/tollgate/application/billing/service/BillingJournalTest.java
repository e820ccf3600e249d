package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal's ordering and waiting, against a store that records what it is given and can be switched off (the
 * real store's behaviour is tested on PostgreSQL in the persistence adapter's tests).
 */
class BillingJournalTest {
    /** Stores in memory what it is given, in order; throws while "down". */
    private static final class RecordingStore implements SettlementJournalPort {
        final List<RequestEvent> stored = new ArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();
        /** When set, each batch waits for a permit before it is stored. */
        volatile Semaphore gate;

        @Override
        public int append(List<? extends RequestEvent> batch) {
            Semaphore g = gate;
            if (g != null) {
                g.acquireUninterruptibly();
            }
            return store(batch);
        }

        private synchronized int store(List<? extends RequestEvent> batch) {
            if (down.get()) {
                throw new IllegalStateException("database unavailable");
            }
            stored.addAll(batch);
            return batch.size();
        }

        synchronized List<RequestEvent> snapshot() {
            return List.copyOf(stored);
        }
    }

    private final RecordingStore store = new RecordingStore();
    private BillingJournal journal;

    @AfterEach
    void close() {
        store.down.set(false);
        Semaphore g = store.gate;
        if (g != null) {
            g.release(100_000);
        }
        journal.close();
    }

    private BillingJournal start(BillingJournal.Durability durability) {
        journal = new BillingJournal(
                store, Duration.ofMillis(20), 100, durability, Duration.ofMillis(300), "node-1", 1_000);
        journal.start();
        return journal;
    }

    @Test
    void givenSyncDurability_whenAReservationIsRecorded_thenItIsStoredWhenTheCallReturns() {
        // given
        start(BillingJournal.Durability.SYNC);

        // when
        journal.recordReservation(reserved("req-1"));

        // then: no waiting for a flush: it is already there
        assertThat(store.snapshot()).containsExactly(reserved("req-1"));
    }

    @Test
    void
            givenSyncDurabilityAndTheStoreDown_whenAReservationIsRecorded_thenItFailsInTimeAndIsStoredOnceTheStoreIsBack() {
        // given
        start(BillingJournal.Durability.SYNC);
        store.down.set(true);

        // when / then
        assertThatThrownBy(() -> journal.recordReservation(reserved("req-2")))
                .isInstanceOf(BillingJournal.JournalUnavailableException.class)
                .hasMessageContaining("did not confirm within 300 ms");
        store.down.set(false);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        assertThat(store.snapshot()).containsExactly(reserved("req-2"));
    }

    @Test
    void givenAsyncDurabilityAndTheStoreDown_whenAReservationIsRecorded_thenTheCallReturnsAtOnce() {
        // given
        start(BillingJournal.Durability.ASYNC);
        store.down.set(true);

        // when
        journal.recordReservation(reserved("req-3"));

        // then: the call did not wait; the reservation waits in the journal
        assertThat(store.snapshot()).isEmpty();
        assertThat(journal.awaitFlushed(Duration.ofMillis(100))).isFalse();
        store.down.set(false);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        assertThat(store.snapshot()).containsExactly(reserved("req-3"));
    }

    @Test
    void
            givenAsyncDurabilityAndMoreWaitingEventsThanAllowedWhileTheStoreIsDown_whenAReservationIsRecorded_thenItFailsInTime() {
        // given: the store is down; 1,100 events handed over: one batch of 100 being retried, 1,000 waiting
        start(BillingJournal.Durability.ASYNC);
        store.down.set(true);
        for (int i = 0; i < 1_100; i++) {
            journal.record(settled("req-backlog-" + i));
        }

        // when / then: back-pressure: no room is made, the reservation is refused after the sync time-out (and kept,
        // so that its settlement never comes first)
        assertThatThrownBy(() -> journal.recordReservation(reserved("req-4")))
                .isInstanceOf(BillingJournal.JournalUnavailableException.class)
                .hasMessageContaining("made no room within 300 ms");
        store.down.set(false);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        journal.recordReservation(reserved("req-5")); // room again: at once
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        assertThat(store.snapshot())
                .contains(reserved("req-4"), reserved("req-5"))
                .hasSize(1_102);
    }

    @Test
    void
            givenASlowStoreAndAFullQueue_whenARequestWaitsForRoom_thenItGoesOnOnceTheWriterTakesTheNextBatchNotWhenAllAreStored()
                    throws Exception {
        // given: every batch is stored only when the test allows it; 1,100 events handed over
        start(BillingJournal.Durability.ASYNC);
        store.gate = new Semaphore(0);
        for (int i = 0; i < 1_100; i++) {
            journal.record(settled("req-queued-" + i));
        }

        // when: a new request asks for room
        CompletableFuture<Void> admitted =
                CompletableFuture.runAsync(journal::awaitCapacity, Executors.newVirtualThreadPerTaskExecutor());

        // then: no room while 1,000 wait; one stored batch makes room, long before the backlog is stored
        assertThat(admitted).isNotDone();
        store.gate.release();
        admitted.get(10, TimeUnit.SECONDS);
        assertThat(store.snapshot()).hasSizeLessThanOrEqualTo(200);
        store.gate.release(1_000);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        assertThat(store.snapshot()).hasSize(1_100);
    }

    @Test
    void givenReservationsAndSettlementsOfManyRequests_whenRecorded_thenEachReservationIsStoredBeforeItsSettlement() {
        // given
        start(BillingJournal.Durability.ASYNC);

        // when
        for (int i = 0; i < 1_000; i++) {
            journal.record(reserved("req-" + i));
            journal.record(settled("req-" + i));
        }

        // then
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        List<RequestEvent> stored = store.snapshot();
        assertThat(stored).hasSize(2_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(stored.indexOf(reserved("req-" + i))).isLessThan(stored.indexOf(settled("req-" + i)));
        }
    }

    @Test
    void givenTheStoreDown_whenSettlementsChargeUpToTheSpendingLimit_thenNewRequestsAreRefusedUntilTheyAreStored() {
        // given: settlements of 10 units each, a limit of 30 units, the store down
        journal = new BillingJournal(
                store,
                Duration.ofMillis(20),
                100,
                BillingJournal.Durability.ASYNC,
                Duration.ofMillis(300),
                "node-1",
                1_000,
                30);
        journal.start();
        store.down.set(true);
        List<Boolean> admitted = new ArrayList<>();

        // when
        for (int i = 0; i < 5; i++) {
            try {
                journal.awaitCapacity();
                journal.record(settled("r" + i));
                admitted.add(true);
            } catch (BillingJournal.JournalUnavailableException e) {
                admitted.add(false);
            }
        }
        long unsettledDuringOutage = journal.unsettledSpending();
        store.down.set(false);

        // then: three admitted (30 units), then refused; all stored and nothing unsettled once the store is back
        assertThat(admitted).containsExactly(true, true, true, false, false);
        assertThat(unsettledDuringOutage).isEqualTo(30);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        assertThat(journal.unsettledSpending()).isZero();
        assertThat(store.snapshot()).hasSize(3);
        journal.awaitCapacity();
    }

    private static QuotaReservedEvent reserved(String id) {
        return new QuotaReservedEvent(
                id, "token-1", "user-1", "m", 100, "node-1", Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static RequestSettledEvent settled(String id) {
        return new RequestSettledEvent(
                id,
                "token-1",
                "user-1",
                "m",
                "m",
                "c",
                1,
                1,
                10,
                5,
                200,
                "succeeded",
                false,
                Instant.parse("2026-01-01T00:00:01Z"),
                0,
                0,
                0,
                0,
                1,
                100,
                null);
    }
}
