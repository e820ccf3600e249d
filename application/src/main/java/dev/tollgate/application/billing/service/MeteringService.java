package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.Admission;
import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.billing.port.in.MeteringRefusal;
import dev.tollgate.application.billing.port.in.MeteringRefusal.Reason;
import dev.tollgate.application.billing.port.in.MeteringRequest;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.billing.RequestCharge;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a relayed request is paid for: its worst case is priced and held on the key, the member's budget and the
 * wallet ({@link QuotaLedger}) and the hold recorded ({@link BillingJournal}) before it is sent; when it ends, what it
 * used is priced, charged within the hold and the settlement recorded. The ledger and the journal do the work in
 * memory and in batches: no database write on the request's thread (unless the process's allowance on a pool runs out,
 * or in {@code sync} durability).
 *
 * <p>The output-token limit of a generating request is reduced to what the key can afford (and sent upstream), so
 * the real cost can never exceed the hold.
 */
public class MeteringService implements MeteringUseCase {
    private static final Logger log = LoggerFactory.getLogger(MeteringService.class);
    /** Output tokens of one image from a token-billed image model, at most (gpt-image-1, 1536×1024, high). */
    static final long IMAGE_OUTPUT_TOKENS_BOUND = 6_240;
    /** Audio input tokens per second of speech, at most, for token-billed transcription models. */
    static final long AUDIO_INPUT_TOKENS_PER_SECOND_BOUND = 25;
    /** Transcript tokens per second of speech, at most (fast speech is about 4). */
    static final long TRANSCRIPT_TOKENS_PER_SECOND_BOUND = 8;

    private final PriceBook prices;
    private final QuotaLedger ledger;
    private final BillingJournal journal;
    private final ClockPort clock;

    public MeteringService(PriceBook prices, QuotaLedger ledger, BillingJournal journal, ClockPort clock) {
        this.prices = prices;
        this.ledger = ledger;
        this.journal = journal;
        this.clock = clock;
    }

    /** What billing keeps of an admitted request until it is settled. */
    private static final class Held extends Admission.Hold {
        private final MeteringRequest request;
        private final Price price;
        private final Reservation reservation;
        private final RequestCharge charge;

        Held(MeteringRequest request, Price price, Reservation reservation) {
            this.request = request;
            this.price = price;
            this.reservation = reservation;
            this.charge = new RequestCharge(
                    request.requestId(),
                    request.tokenId(),
                    request.ownerId(),
                    request.organizationId(),
                    request.model(),
                    reservation.amount(),
                    !reservation.unlimited());
        }

        RequestCharge charge() {
            return charge;
        }

        MeteringRequest request() {
            return request;
        }

        Price price() {
            return price;
        }

        Reservation reservation() {
            return reservation;
        }
    }

    @Override
    public void requirePrice(String model, String group) {
        priceOf(model, group);
    }

    private Price priceOf(String model, String group) {
        return prices.priceOf(model, group)
                .orElseThrow(() -> new MeteringRefusal(
                        Reason.PRICE_NOT_SET,
                        "the model '" + model + "' has no price yet; an administrator must set one (PUT /api/v1/prices/"
                                + model + ") before it can be used"));
    }

    @Override
    public Admission admit(MeteringRequest request) {
        Price price = priceOf(request.model(), request.group());
        Admission admission;
        try {
            admission = request.kind() == MeteringRequest.Kind.GENERATION
                    ? admitGeneration(request, price)
                    : admitFixed(request, price);
        } catch (QuotaLedger.AllowanceUnavailableException e) {
            throw new MeteringRefusal(
                    Reason.BILLING_UNAVAILABLE,
                    "the request was not sent: this server could not " + "obtain its share of the key's quota ("
                            + e.getCause().getMessage() + "); try again shortly");
        }
        record(admission);
        return admission;
    }

    private Admission admitGeneration(MeteringRequest request, Price price) {
        long available = ledger.available(request.tokenId());
        if (available == Long.MAX_VALUE) {
            // neither the key, nor a budget, nor the wallet limits it
            return admitted(
                    request,
                    price,
                    ledger.reserve(request.tokenId(), request.requestId(), 0).orElseThrow(),
                    null);
        }
        long choices = Math.max(1, request.units());
        // every choice may write up to the limit: the limit per choice is what the key affords for all of them
        long affordable = price.affordableCompletionTokens(request.promptUpperBound(), available) / choices;
        if (affordable < 1) {
            throw new MeteringRefusal(
                    Reason.INSUFFICIENT_QUOTA,
                    "the key's quota or its owner's balance is used up "
                            + "(remaining " + available
                            + " units, not enough for the request's input and one output token"
                            + (choices > 1 ? " per choice" : "") + "); ask an administrator for more");
        }
        long outputLimit = Math.min(request.outputLimit(), affordable);
        Long override = request.clientSetLimit() && outputLimit >= request.outputLimit() ? null : outputLimit;
        long amount = price.cost(request.promptUpperBound(), Math.multiplyExact(outputLimit, choices));
        Reservation reservation = ledger.reserve(request.tokenId(), request.requestId(), amount)
                .orElseThrow(() -> new MeteringRefusal(
                        Reason.INSUFFICIENT_QUOTA,
                        "the key's quota or its owner's "
                                + "balance is used up by requests in flight; try again when they finish"));
        return admitted(request, price, reservation, override);
    }

    /**
     * Requests without an output limit to negotiate (embeddings, images, audio): the hold is the request's worst
     * case, computed from what it asks for.
     */
    private Admission admitFixed(MeteringRequest request, Price price) {
        long amount;
        try {
            amount = ledger.available(request.tokenId()) == Long.MAX_VALUE ? 0 : worstCase(request, price);
        } catch (ArithmeticException e) {
            throw new MeteringRefusal(
                    Reason.INSUFFICIENT_QUOTA, "this request could cost more than any quota can cover");
        }
        Reservation reservation = ledger.reserve(request.tokenId(), request.requestId(), amount)
                .orElseThrow(() -> new MeteringRefusal(
                        Reason.INSUFFICIENT_QUOTA,
                        "the key's quota (remaining "
                                + ledger.available(request.tokenId()) + " units) does not cover this request (up to "
                                + amount + " units)"));
        return admitted(request, price, reservation, null);
    }

    private static Admission admitted(MeteringRequest request, Price price, Reservation reservation, Long override) {
        return new Admission(
                request.requestId(), reservation.amount(), override, new Held(request, price, reservation));
    }

    /** The most a request of a fixed-price kind can cost; see docs/providers.md "Billing by endpoint". */
    static long worstCase(MeteringRequest request, Price price) {
        long promptBound = request.promptUpperBound();
        return switch (request.kind()) {
            case IMAGES -> {
                long n = Math.max(1, request.units());
                long output = price.outputPerMillion() > 0 ? Math.multiplyExact(n, IMAGE_OUTPUT_TOKENS_BOUND) : 0;
                yield price.cost(promptBound, output, n, 0);
            }
            case SPEECH -> price.cost(request.units(), 0, 0, 0);
            case TRANSCRIPTION -> {
                long seconds = Math.max(1, request.units());
                yield price.cost(
                        Math.addExact(promptBound, Math.multiplyExact(seconds, AUDIO_INPUT_TOKENS_PER_SECOND_BOUND)),
                        Math.multiplyExact(seconds, TRANSCRIPT_TOKENS_PER_SECOND_BOUND),
                        0,
                        seconds);
            }
            case GENERATION, INPUT -> price.cost(promptBound, 0);
        };
    }

    /**
     * Records the hold (when anything was held) before the request is sent; in {@code sync} durability waits until it
     * is stored. Every request, held or not, first waits for room when the billing store has fallen behind
     * ({@link BillingJournal#awaitCapacity()}). When it cannot be, the request is settled as failed (nothing charged, the hold released and the
     * settlement recorded after the hold, whenever the store takes it) and refused.
     */
    private void record(Admission admission) {
        Held held = (Held) admission.hold();
        MeteringRequest request = held.request();
        try {
            Optional<QuotaReservedEvent> hold = held.charge().hold(journal.node(), clock.now());
            if (hold.isEmpty()) {
                journal.awaitCapacity(); // nothing to record, but its settlement will be: room for it first
                return;
            }
            journal.recordReservation(hold.get());
        } catch (BillingJournal.JournalUnavailableException e) {
            settle(admission, MeteredUsage.nothingDelivered(request.model(), false));
            throw new MeteringRefusal(
                    Reason.BILLING_UNAVAILABLE,
                    "the request was not sent: "
                            + (admission.held() > 0
                                    ? "its quota reservation could not be recorded"
                                    : "billing cannot keep up")
                            + " (" + e.getMessage() + "); try again shortly");
        }
    }

    @Override
    public long settle(Admission admission, MeteredUsage usage) {
        Held held = (Held) admission.hold();
        long cost = 0;
        if (usage.delivered()) {
            try {
                cost = held.price()
                        .cost(
                                usage.promptTokens(),
                                usage.cachedPromptTokens(),
                                usage.cacheWriteTokens(),
                                usage.completionTokens(),
                                usage.images(),
                                usage.audioSeconds());
            } catch (ArithmeticException e) {
                cost = Long.MAX_VALUE; // charged within the hold; unlimited keys pay what can be counted
            }
        }
        RequestSettledEvent settled = held.charge().settle(cost, usage, clock.now());
        long charged = ledger.settle(held.reservation(), settled.cost());
        MeteringRequest request = held.request();
        if (charged < cost) {
            // G4 (settled <= reserved) held the charge to the hold: the hold, an upper bound of what the request could
            // cost, was not one; the figures say by how much
            log.warn(
                    "request {} of model {} cost {} units by the provider's usage but held only {}: charged {}",
                    request.requestId(),
                    usage.model(),
                    cost,
                    admission.held(),
                    charged);
        }
        journal.record(settled);
        return charged;
    }

    @Override
    public long spent(String tokenId) {
        return ledger.used(tokenId);
    }
}
