package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.Admission;
import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.billing.port.in.MeteringRefusal;
import dev.tollgate.application.billing.port.in.MeteringRequest;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.out.RealtimeUsage;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.token.port.in.TokenRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metering of one realtime session's responses: each response is a metered request and a request against the
 * key's and its owner's rate limits, exactly like a relayed HTTP request.
 *
 * <ul>
 *   <li>Admission takes one request and the response's worst case in tokens from every RPM/TPM bucket that limits the
 *       key ({@link RateLimiter}), then holds the response's bounded worst case
 *       ({@link RealtimeSettings#inputTokensPerResponse()} in, {@link RealtimeSettings#outputTokensPerResponse()} out)
 *       twice — at the model's price for its text tokens and at the audio price for its audio tokens.</li>
 *   <li>Settlement charges the usage {@code response.done} reported (or what was delivered, counted and measured) and
 *       corrects the token buckets by the tokens really used.</li>
 *   <li>A response that was never forwarded gives everything back; one forwarded that delivered nothing is released
 *       by billing and still counts as a request.</li>
 * </ul>
 */
final class RealtimeResponseMeter {
    private static final Logger log = LoggerFactory.getLogger(RealtimeResponseMeter.class);

    private final TokenRecord token;
    private final String model;
    private final String upstreamModel;
    private final String channelId;
    private final MeteringUseCase metering;
    private final RateLimiter rateLimiter;
    private final TokenCounterPort tokenCounter;
    private final IdGeneratorPort ids;
    private final RealtimeSettings settings;

    RealtimeResponseMeter(
            TokenRecord token,
            String model,
            String upstreamModel,
            String channelId,
            RealtimeServices services,
            RealtimeSettings settings) {
        this.token = token;
        this.model = model;
        this.upstreamModel = upstreamModel;
        this.channelId = channelId;
        this.metering = services.metering();
        this.rateLimiter = services.rateLimiter();
        this.tokenCounter = services.tokenCounter();
        this.ids = services.ids();
        this.settings = settings;
    }

    String model() {
        return model;
    }

    /**
     * Admits one response with at most {@code clientLimit} output tokens (or the bound).
     *
     * @throws RelayException  a rate limit is used up (429 {@code rate_limit_exceeded}) or cannot be checked (503)
     * @throws MeteringRefusal billing refuses the holds; nothing was taken from the rate limits then
     */
    ResponseHold admit(Long clientLimit) {
        long bound = settings.outputTokensPerResponse();
        long limit = clientLimit == null ? bound : Math.max(1, Math.min(clientLimit, bound));
        RateLimiter.Permit permit = rateLimiter.admit(token, total(settings.inputTokensPerResponse(), limit));
        String requestId = "req_" + ids.newId();
        Admission text;
        Admission audio;
        try {
            text = metering.admit(request(requestId, model, limit));
            try {
                audio = metering.admit(request(requestId + "_audio", RealtimeSettings.audioPriceOf(model), limit));
            } catch (RuntimeException e) {
                metering.settle(text, MeteredUsage.nothingDelivered(model, true));
                throw e;
            }
        } catch (RuntimeException e) {
            rateLimiter.release(permit); // not forwarded: it counts against no limit
            throw e;
        }
        long afforded = limit;
        if (text.maxTokensOverride() != null) {
            afforded = Math.min(afforded, text.maxTokensOverride());
        }
        if (audio.maxTokensOverride() != null) {
            afforded = Math.min(afforded, audio.maxTokensOverride());
        }
        Long toSend = clientLimit != null && afforded >= clientLimit ? null : afforded;
        return new ResponseHold(text, audio, permit, toSend, System.nanoTime());
    }

    private MeteringRequest request(String requestId, String pricedAs, long outputLimit) {
        return new MeteringRequest(
                requestId,
                token.id(),
                token.ownerId(),
                token.organizationId(),
                token.group(),
                pricedAs,
                MeteringRequest.Kind.GENERATION,
                settings.inputTokensPerResponse(),
                outputLimit,
                true,
                1);
    }

    /** The response is done: its reported usage is charged, or what it delivered when it reported none. */
    void settleDone(ResponseHold hold, RealtimeUsage usage, String status) {
        if (usage == null) {
            settleMeasured(hold, status == null || "completed".equals(status) ? "succeeded" : "interrupted");
            return;
        }
        String outcome = status == null || "completed".equals(status)
                ? "succeeded"
                : "failed".equals(status) ? "failed" : "interrupted";
        long latency = (System.nanoTime() - hold.startedNanos) / 1_000_000;
        settle(
                hold.text,
                usageOf(
                        model,
                        outcome,
                        usage.inputTextTokens(),
                        usage.cachedTextTokens(),
                        usage.outputTextTokens(),
                        latency));
        settle(
                hold.audio,
                usageOf(
                        RealtimeSettings.audioPriceOf(model),
                        outcome,
                        usage.inputAudioTokens(),
                        usage.cachedAudioTokens(),
                        usage.outputAudioTokens(),
                        latency));
        rateLimiter.settle(
                hold.permit,
                total(
                        usage.inputTextTokens(),
                        usage.outputTextTokens(),
                        usage.inputAudioTokens(),
                        usage.outputAudioTokens()));
    }

    /**
     * A response that ended without usage: its delivered text is counted with the model family's tokenizer and its
     * delivered audio measured ({@link RealtimeSettings#audioBytesPerOutputToken()}); nothing delivered, nothing paid.
     */
    void settleMeasured(ResponseHold hold, String outcome) {
        long latency = (System.nanoTime() - hold.startedNanos) / 1_000_000;
        long textTokens = hold.text() == null ? 0 : tokenCounter.countTokens(model, hold.text());
        long audioTokens = Math.ceilDiv(hold.audioBytes, settings.audioBytesPerOutputToken());
        settle(hold.text, usageOf(model, outcome, 0, 0, textTokens, latency));
        settle(hold.audio, usageOf(RealtimeSettings.audioPriceOf(model), outcome, 0, 0, audioTokens, latency));
        rateLimiter.settle(hold.permit, total(textTokens, audioTokens));
    }

    private MeteredUsage usageOf(String pricedAs, String outcome, long input, long cached, long output, long latency) {
        boolean delivered = input > 0 || output > 0;
        return new MeteredUsage(
                pricedAs,
                upstreamModel,
                channelId,
                101,
                delivered ? outcome : "failed",
                delivered,
                true,
                input,
                cached,
                output,
                0,
                0,
                0,
                1,
                latency,
                0);
    }

    /** The response was forwarded but never answered: the holds are released; it counted as a request. */
    void release(ResponseHold hold) {
        releaseHolds(hold);
        rateLimiter.settle(hold.permit, 0);
    }

    /** The response was admitted but never forwarded: everything it took goes back, rate limits included. */
    void giveBack(ResponseHold hold) {
        releaseHolds(hold);
        rateLimiter.release(hold.permit);
    }

    private void releaseHolds(ResponseHold hold) {
        settle(hold.text, MeteredUsage.nothingDelivered(model, true));
        settle(hold.audio, MeteredUsage.nothingDelivered(RealtimeSettings.audioPriceOf(model), true));
    }

    private void settle(Admission admission, MeteredUsage usage) {
        try {
            metering.settle(admission, usage);
        } catch (RuntimeException e) {
            log.error("realtime response {} of model {} could not be settled", admission.requestId(), model, e);
        }
    }

    /** The sum of token counts (negative ones count as 0), capped at {@code Long.MAX_VALUE}. */
    private static long total(long... counts) {
        long sum = 0;
        for (long c : counts) {
            long n = Math.max(0, c);
            sum = n > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + n;
        }
        return sum;
    }

    /** One response's holds, its rate-limit permit and what it delivered so far. */
    static final class ResponseHold {
        private final Admission text;
        private final Admission audio;
        private final RateLimiter.Permit permit;
        private final Long outputLimitToSend;
        private final long startedNanos;
        private StringBuilder deliveredText;
        private long audioBytes;

        ResponseHold(
                Admission text, Admission audio, RateLimiter.Permit permit, Long outputLimitToSend, long startedNanos) {
            this.text = text;
            this.audio = audio;
            this.permit = permit;
            this.outputLimitToSend = outputLimitToSend;
            this.startedNanos = startedNanos;
        }

        /** The output limit to write into the client's {@code response.create}, or null to forward it unchanged. */
        Long outputLimitToSend() {
            return outputLimitToSend;
        }

        void delivered(String textDelta, long audioDeltaBytes) {
            if (textDelta != null) {
                if (deliveredText == null) {
                    deliveredText = new StringBuilder();
                }
                deliveredText.append(textDelta);
            }
            audioBytes = Math.addExact(audioBytes, audioDeltaBytes);
        }

        String text() {
            return deliveredText == null ? null : deliveredText.toString();
        }
    }
}
