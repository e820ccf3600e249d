package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.billing.port.in.Admission;
import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.billing.port.in.MeteringRefusal;
import dev.tollgate.application.billing.port.in.MeteringRequest;
import dev.tollgate.application.billing.port.in.MeteringRequest.Kind;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The metering port as the relay uses it: admission negotiates the output limit down to what the key can afford and
 * records the hold; settlement prices the usage, charges within the hold and records it. The journal's store is a
 * recording one (the real store is tested on PostgreSQL in the persistence adapter's tests).
 */
class MeteringServiceTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private static final class RecordingStore implements SettlementJournalPort {
        final List<RequestEvent> stored = new ArrayList<>();

        @Override
        public synchronized int append(List<? extends RequestEvent> batch) {
            stored.addAll(batch);
            return batch.size();
        }

        synchronized List<RequestEvent> stored() {
            return List.copyOf(stored);
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final BillingJournal journal = new BillingJournal(store, Duration.ofMillis(5), 100);
    private final QuotaLedger ledger = new QuotaLedger();
    private final PriceBook prices = new PriceBook(new ViewFreshness());
    private final MeteringService metering = new MeteringService(prices, ledger, journal, () -> AT);

    MeteringServiceTest() {
        journal.start();
        // 1 unit per input token, 2 per output token
        price(new ModelPriceSetEvent("m", 1_000_000, 2_000_000, "user:root", AT));
        ledger.on(new TokenIssuedEvent(
                "t", "root", "k", "0".repeat(64), "sk-...", 100, false, null, List.of(), "user:root", AT));
    }

    /** A price set, as the views processor hands it to the price book. */
    private void price(ModelPriceSetEvent event) {
        try {
            new AnnotationEventHandlerAdapter(prices)
                    .handle(new GenericDomainEventMessage<>("ModelPrice", event.model(), 0, event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private static MeteringRequest generation(String id, long prompt, long output, boolean clientSet) {
        return new MeteringRequest(
                id, "t", "root", "personal-root", "default", "m", Kind.GENERATION, prompt, output, clientSet, 0);
    }

    private static MeteredUsage used(long prompt, long completion) {
        return new MeteredUsage("m", "m", "c", 200, "succeeded", true, false, prompt, 0, completion, 0, 0, 0, 1, 5, 0);
    }

    @Test
    void givenAnUnlimitedKeyAndABillingStoreThatHasFallenBehind_whenAdmitted_thenItIsRefusedInTimeAndNothingIsHeld() {
        // given: a journal whose store is down, with more events waiting than it allows
        AtomicBoolean isDown = new AtomicBoolean(true);
        SettlementJournalPort down = batch -> {
            if (isDown.get()) {
                throw new IllegalStateException("database unavailable");
            }
            return batch.size();
        };
        BillingJournal behind = new BillingJournal(
                down, Duration.ofMillis(5), 1, BillingJournal.Durability.ASYNC, Duration.ofMillis(200), "node-1", 2);
        behind.start();
        QuotaLedger unlimited = new QuotaLedger();
        unlimited.on(new TokenIssuedEvent(
                "u", "root", "k", "1".repeat(64), "sk-...", 0, true, null, List.of(), "user:root", AT));
        MeteringService metering = new MeteringService(prices, unlimited, behind, () -> AT);
        try {
            for (int i = 0; i < 3; i++) {
                behind.record(new RequestSettledEvent(
                        "backlog-" + i,
                        "u",
                        "root",
                        "m",
                        "m",
                        "c",
                        1,
                        1,
                        0,
                        1,
                        200,
                        "succeeded",
                        false,
                        AT,
                        0,
                        0,
                        0,
                        0,
                        1,
                        0,
                        "personal-root"));
            }

            // when / then: even without a hold, a request waits for room, and is refused when none is made
            assertThatThrownBy(() -> metering.admit(new MeteringRequest(
                            "req-u", "u", "root", "personal-root", "default", "m", Kind.GENERATION, 10, 10, true, 0)))
                    .isInstanceOfSatisfying(
                            MeteringRefusal.class,
                            e -> assertThat(e.reason()).isEqualTo(MeteringRefusal.Reason.BILLING_UNAVAILABLE))
                    .hasMessageContaining("billing cannot keep up");
            assertThat(unlimited.available("u")).isEqualTo(Long.MAX_VALUE);
        } finally {
            isDown.set(false);
            behind.close();
        }
    }

    @Test
    void givenAKeyThatCannotAffordTheClientsLimit_whenAdmitted_thenTheLimitSentUpstreamIsLoweredAndTheHoldRecorded() {
        // when: 20 prompt tokens leave 80 units, 40 output tokens at 2 units
        Admission admission = metering.admit(generation("r1", 20, 1_000, true));

        // then
        assertThat(admission.maxTokensOverride()).isEqualTo(40);
        assertThat(admission.held()).isEqualTo(100);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(5))).isTrue();
        assertThat(store.stored())
                .singleElement()
                .isInstanceOfSatisfying(
                        QuotaReservedEvent.class, r -> assertThat(r.amount()).isEqualTo(100));
    }

    @Test
    void givenAnAdmission_whenSettledWithMoreThanItHeld_thenTheChargeStopsAtTheHoldAndIsRecordedOnce() {
        // given
        Admission admission = metering.admit(generation("r1", 10, 10, true));

        // when: the provider reports more than the limit allowed
        long charged = metering.settle(admission, used(10, 50));

        // then
        assertThat(admission.maxTokensOverride()).isNull();
        assertThat(charged).isEqualTo(admission.held()).isEqualTo(30);
        assertThat(metering.spent("t")).isEqualTo(30);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(5))).isTrue();
        assertThat(store.stored())
                .filteredOn(RequestSettledEvent.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(RequestSettledEvent.class, s -> {
                    assertThat(s.cost()).isEqualTo(30);
                    assertThat(s.reserved()).isEqualTo(30);
                });
    }

    @Test
    void givenNothingDelivered_whenSettled_thenNothingIsChargedAndTheHoldIsFreeAgain() {
        // given
        Admission admission = metering.admit(generation("r1", 10, 45, true));

        // when
        long charged = metering.settle(admission, MeteredUsage.nothingDelivered("m", false));

        // then
        assertThat(charged).isZero();
        assertThat(ledger.available("t")).isEqualTo(100);
    }

    @Test
    void givenAModelWithoutPrice_whenAdmitted_thenItIsRefusedAndNothingIsHeld() {
        // when / then
        assertThatThrownBy(() -> metering.admit(new MeteringRequest(
                        "r1", "t", "root", "personal-root", "default", "unpriced", Kind.GENERATION, 10, 10, true, 0)))
                .isInstanceOfSatisfying(
                        MeteringRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(MeteringRefusal.Reason.PRICE_NOT_SET));
        assertThat(ledger.available("t")).isEqualTo(100);
    }

    @Test
    void givenAPromptTheKeyCannotPayFor_whenAdmitted_thenItIsRefusedForQuota() {
        // when / then
        assertThatThrownBy(() -> metering.admit(generation("r1", 99, 10, true)))
                .isInstanceOfSatisfying(
                        MeteringRefusal.class,
                        e -> assertThat(e.reason()).isEqualTo(MeteringRefusal.Reason.INSUFFICIENT_QUOTA));
    }

    @Test
    void givenAnImageRequest_whenAdmitted_thenItsWorstCaseIsHeld() {
        // given: images priced per output token: each image may use up to 6,240 output tokens
        price(new ModelPriceSetEvent("img", 0, 1, 0, 0, 0, "user:root", AT, null, null, null, null));

        // when
        Admission admission = metering.admit(
                new MeteringRequest("r1", "t", "root", "personal-root", "default", "img", Kind.IMAGES, 0, 0, false, 2));

        // then: 2 × 6,240 tokens at 1 unit per million, rounded up
        assertThat(admission.held())
                .isEqualTo(MeteringService.worstCase(
                        new MeteringRequest(
                                "r", "t", "root", "personal-root", "default", "img", Kind.IMAGES, 0, 0, false, 2),
                        prices.priceOf("img", "default").orElseThrow()));
        assertThat(admission.held()).isPositive();
    }
}
