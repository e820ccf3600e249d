package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.Admission;
import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.billing.port.in.MeteringRefusal;
import dev.tollgate.application.billing.port.in.MeteringRequest;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RealtimeClientEvent;
import dev.tollgate.application.relay.port.in.RealtimeClientSink;
import dev.tollgate.application.relay.port.in.RealtimeSessionUseCase;
import dev.tollgate.application.relay.port.in.RealtimeUpstreamSink;
import dev.tollgate.application.relay.port.out.RealtimeConnectException;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamEvent;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamSessionPort;
import dev.tollgate.application.relay.port.out.RealtimeUsage;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.token.port.in.TokenRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One realtime session between a client and an upstream, and its metering: each response is a metered request.
 *
 * <ul>
 *   <li>A client's {@code response.create} is admitted before it is forwarded: the response's bounded worst case
 *       ({@link RealtimeSettings#inputTokensPerResponse()} in, {@link RealtimeSettings#outputTokensPerResponse()} out)
 *       is held twice — at the model's price for its text tokens and at the audio price for its audio tokens — and
 *       {@code response.max_output_tokens} is set to what the holds cover. A response the upstream creates by itself
 *       (server voice detection on committed input) is admitted when its {@code response.created} arrives; when it
 *       cannot be, the upstream is told to cancel it.</li>
 *   <li>Refused admission: an {@code error} event ({@code insufficient_quota}) and the session is closed (1008).</li>
 *   <li>{@code response.done} settles the response with its usage (text and audio; input, cached input, output).</li>
 *   <li>However the session ends — the client closes, the upstream closes, either connection breaks, a time-out or a
 *       limit — every open hold is settled: a response that delivered output without reporting usage pays what it
 *       delivered (its text counted, its audio measured), and a response that delivered nothing is released.</li>
 * </ul>
 */
final class RealtimeSessionService implements RealtimeSessionUseCase, RealtimeUpstreamSink {
    private static final Logger log = LoggerFactory.getLogger(RealtimeSessionService.class);
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    static final int TOO_BIG = 1009;
    static final int SERVER_ERROR = 1011;

    private final RealtimeService service;
    private final TokenRecord token;
    private final String model;
    private final String upstreamModel;
    private final String channelId;
    private final MeteringUseCase metering;
    private final TokenCounterPort tokenCounter;
    private final IdGeneratorPort ids;
    private final RealtimeSettings settings;
    private final long openedNanos = System.nanoTime();
    private volatile long lastActivityNanos = openedNanos;

    private final ReentrantLock lock = new ReentrantLock();
    /** Admitted {@code response.create}s whose {@code response.created} has not come yet, in order. */
    private final Deque<ResponseHold> pending = new ArrayDeque<>();
    /** Responses in progress, by response id. */
    private final Map<String, ResponseHold> open = new HashMap<>();

    private boolean ended;

    private RealtimeUpstreamSessionPort connection;
    private Runnable releaseChannel;
    private volatile RealtimeClientSink client;

    RealtimeSessionService(
            RealtimeService service,
            TokenRecord token,
            String model,
            String upstreamModel,
            String channelId,
            MeteringUseCase metering,
            TokenCounterPort tokenCounter,
            IdGeneratorPort ids,
            RealtimeSettings settings) {
        this.service = service;
        this.token = token;
        this.model = model;
        this.upstreamModel = upstreamModel;
        this.channelId = channelId;
        this.metering = metering;
        this.tokenCounter = tokenCounter;
        this.ids = ids;
        this.settings = settings;
    }

    TokenRecord token() {
        return token;
    }

    void connected(RealtimeUpstreamSessionPort connection, Runnable releaseChannel) {
        this.connection = connection;
        this.releaseChannel = releaseChannel;
    }

    @Override
    public long maxMessageBytes() {
        return settings.maxMessageBytes();
    }

    @Override
    public void start(RealtimeClientSink client) {
        this.client = client;
        lastActivityNanos = System.nanoTime();
        connection.start();
    }

    @Override
    public void abandon() {
        end(null, NORMAL, "the client's connection was not upgraded", null, null);
    }

    // ---- the client's side

    @Override
    public void onClientEvent(RealtimeClientEvent event) {
        lastActivityNanos = System.nanoTime();
        String out = event.text();
        if ("response.create".equals(event.type())) {
            ResponseHold hold;
            try {
                hold = admit(event.maxOutputTokens());
            } catch (MeteringRefusal e) {
                refused(e);
                return;
            }
            lock.lock();
            try {
                if (ended) {
                    release(hold);
                    return;
                }
                pending.addLast(hold);
            } finally {
                lock.unlock();
            }
            if (hold.outputLimitToSend != null) {
                out = event.withMaxOutputTokens(hold.outputLimitToSend);
            }
        } else if (isEnded()) {
            return;
        }
        try {
            connection.send(out);
        } catch (RealtimeConnectException e) {
            end(
                    "server_error",
                    SERVER_ERROR,
                    "upstream_error",
                    "the upstream realtime session broke: " + e.getMessage(),
                    "upstream connection broken");
        }
    }

    @Override
    public void onClientClosed(int code, String reason) {
        end(null, NORMAL, "the client closed the session", null, null);
    }

    @Override
    public void onClientMessageTooLarge() {
        end(
                "invalid_request_error",
                TOO_BIG,
                "message_too_large",
                "a client message is larger than " + settings.maxMessageBytes() + " bytes, the limit",
                "message too large");
    }

    // ---- the upstream's side

    @Override
    public void onEvent(RealtimeUpstreamEvent event) {
        lastActivityNanos = System.nanoTime();
        String type = event.type() == null ? "" : event.type();
        switch (type) {
            case "response.created" -> {
                if (!bind(event.responseId())) {
                    return;
                }
            }
            case "response.done" -> {
                ResponseHold hold;
                lock.lock();
                try {
                    hold = event.responseId() == null ? null : open.remove(event.responseId());
                    if (hold == null) {
                        hold = pending.pollFirst();
                    }
                } finally {
                    lock.unlock();
                }
                if (hold != null) {
                    settleDone(hold, event.usage(), event.responseStatus());
                }
            }
            default -> {
                if (event.textDelta() != null || event.audioDeltaBytes() > 0) {
                    lock.lock();
                    try {
                        ResponseHold hold = event.responseId() == null ? null : open.get(event.responseId());
                        if (hold != null) {
                            hold.delivered(event.textDelta(), event.audioDeltaBytes());
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }
        RealtimeClientSink c = client;
        if (c == null || isEnded()) {
            return;
        }
        try {
            c.send(event.text());
        } catch (ClientGoneException e) {
            end(null, NORMAL, "the client's connection broke", null, null);
        }
    }

    /** A response the upstream created: the oldest admitted {@code response.create}'s, or admitted now. */
    private boolean bind(String responseId) {
        ResponseHold hold;
        lock.lock();
        try {
            hold = pending.pollFirst();
        } finally {
            lock.unlock();
        }
        if (hold == null) {
            try {
                hold = admit(null);
            } catch (MeteringRefusal e) {
                try {
                    connection.send("{\"type\":\"response.cancel\""
                            + (responseId == null ? "" : ",\"response_id\":\"" + jsonSafe(responseId) + "\"") + "}");
                } catch (RealtimeConnectException ignored) {
                    // the session ends below either way
                }
                refused(e);
                return false;
            }
        }
        lock.lock();
        try {
            if (ended) {
                release(hold);
                return false;
            }
            open.put(responseId == null ? "" : responseId, hold);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static String jsonSafe(String id) {
        return id.replaceAll("[^A-Za-z0-9_\\-]", "");
    }

    @Override
    public void onClosed(int code, String reason) {
        if (code == 1006) {
            onFailure(new IllegalStateException("the connection closed without a close frame"));
            return;
        }
        int forwarded = code == 1005 || code == 1006 || code == 1015 || code < 1000 ? NORMAL : code;
        end(
                null,
                forwarded,
                reason == null || reason.isEmpty() ? "the upstream closed the session" : reason,
                null,
                null);
    }

    @Override
    public void onFailure(Throwable error) {
        end(
                "server_error",
                SERVER_ERROR,
                "upstream_error",
                "the upstream realtime session broke: " + error.getMessage(),
                "upstream connection broken");
    }

    // ---- time-outs

    void expireIfDue(long now, long idleNanos, long maxNanos) {
        if (now - openedNanos >= maxNanos) {
            end(
                    "invalid_request_error",
                    GOING_AWAY,
                    "session_expired",
                    "the session reached its maximum duration ("
                            + settings.maxSessionDuration().toSeconds() + " s)",
                    "session expired");
        } else if (now - lastActivityNanos >= idleNanos) {
            end(
                    "invalid_request_error",
                    GOING_AWAY,
                    "session_idle_timeout",
                    "no event either way for " + settings.idleTimeout().toSeconds() + " s",
                    "idle timeout");
        }
    }

    // ---- metering

    private ResponseHold admit(Long clientLimit) {
        long bound = settings.outputTokensPerResponse();
        long limit = clientLimit == null ? bound : Math.max(1, Math.min(clientLimit, bound));
        String requestId = "req_" + ids.newId();
        Admission text = metering.admit(request(requestId, model, limit));
        Admission audio;
        try {
            audio = metering.admit(request(requestId + "_audio", RealtimeSettings.audioPriceOf(model), limit));
        } catch (RuntimeException e) {
            metering.settle(text, MeteredUsage.nothingDelivered(model, true));
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
        return new ResponseHold(text, audio, toSend, System.nanoTime());
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

    private void refused(MeteringRefusal e) {
        String code = switch (e.reason()) {
            case INSUFFICIENT_QUOTA -> "insufficient_quota";
            case PRICE_NOT_SET -> "model_price_not_set";
            case BILLING_UNAVAILABLE -> "billing_unavailable";
        };
        String type =
                e.reason() == MeteringRefusal.Reason.BILLING_UNAVAILABLE ? "server_error" : "invalid_request_error";
        end(type, POLICY_VIOLATION, code, "the response was not created: " + e.getMessage(), code);
    }

    private void settleDone(ResponseHold hold, RealtimeUsage usage, String status) {
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
    }

    /**
     * A response that ended without usage: its delivered text is counted with the model family's tokenizer and its
     * delivered audio measured ({@link RealtimeSettings#audioBytesPerOutputToken()}); nothing delivered, nothing paid.
     */
    private void settleMeasured(ResponseHold hold, String outcome) {
        long latency = (System.nanoTime() - hold.startedNanos) / 1_000_000;
        long textTokens = hold.text() == null ? 0 : tokenCounter.countTokens(model, hold.text());
        long audioTokens = Math.ceilDiv(hold.audioBytes, settings.audioBytesPerOutputToken());
        settle(hold.text, usageOf(model, outcome, 0, 0, textTokens, latency));
        settle(hold.audio, usageOf(RealtimeSettings.audioPriceOf(model), outcome, 0, 0, audioTokens, latency));
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
                latency);
    }

    private void release(ResponseHold hold) {
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

    // ---- the end

    private boolean isEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the session once: every hold settled or released, the upstream closed, the client told why (an error event
     * when {@code errorType} is set) and closed, the channel's slot and the session's slots given back.
     */
    private void end(String errorType, int closeCode, String reasonOrCode, String errorMessage, String closeReason) {
        List<ResponseHold> unanswered;
        List<ResponseHold> inProgress;
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            unanswered = new ArrayList<>(pending);
            inProgress = new ArrayList<>(open.values());
            pending.clear();
            open.clear();
        } finally {
            lock.unlock();
        }
        try {
            unanswered.forEach(this::release);
            inProgress.forEach(hold -> settleMeasured(hold, "interrupted"));
        } finally {
            if (connection != null) {
                connection.close(NORMAL, "session ended");
            }
            RealtimeClientSink c = client;
            if (c != null) {
                try {
                    if (errorType != null) {
                        c.sendError(errorType, reasonOrCode, errorMessage);
                    }
                } catch (RuntimeException ignored) {
                    // the client is gone: closing below is all there is left to do
                }
                c.close(closeCode, errorType != null ? closeReason : reasonOrCode);
            }
            if (releaseChannel != null) {
                releaseChannel.run();
            }
            service.ended(this);
        }
    }

    /** One response's holds and what it delivered so far. */
    private static final class ResponseHold {
        final Admission text;
        final Admission audio;
        final Long outputLimitToSend;
        final long startedNanos;
        private StringBuilder deliveredText;
        long audioBytes;

        ResponseHold(Admission text, Admission audio, Long outputLimitToSend, long startedNanos) {
            this.text = text;
            this.audio = audio;
            this.outputLimitToSend = outputLimitToSend;
            this.startedNanos = startedNanos;
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
