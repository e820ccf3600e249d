package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.MeteringRefusal;
import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RealtimeClientEvent;
import dev.tollgate.application.relay.port.in.RealtimeClientSink;
import dev.tollgate.application.relay.port.in.RealtimeSessionUseCase;
import dev.tollgate.application.relay.port.in.RealtimeUpstreamSink;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.out.RealtimeConnectException;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamEvent;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamSessionPort;
import dev.tollgate.application.relay.service.RealtimeResponseMeter.ResponseHold;
import dev.tollgate.application.token.port.in.TokenRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One realtime session between a client and an upstream: the events both ways, the session's end, and, through
 * {@link RealtimeResponseMeter}, each response metered as a request.
 *
 * <ul>
 *   <li>A client's {@code response.create} is admitted before it is forwarded (rate limits and billing holds), and
 *       {@code response.max_output_tokens} is set to what the holds cover. A response the upstream creates by itself
 *       (server voice detection on committed input) is admitted when its {@code response.created} arrives; when it
 *       cannot be, the upstream is told to cancel it.</li>
 *   <li>A rate limit used up: an {@code error} event ({@code rate_limit_exceeded}, with the seconds to wait) and the
 *       response is not created; the session stays open.</li>
 *   <li>Refused by billing: an {@code error} event ({@code insufficient_quota}) and the session is closed (1008).</li>
 *   <li>{@code response.done} settles the response with its usage (text and audio; input, cached input, output).</li>
 *   <li>However the session ends — the client closes, the upstream closes, either connection breaks, a time-out or a
 *       limit — every open hold is settled: a response that delivered output without reporting usage pays what it
 *       delivered (its text counted, its audio measured), and a response that delivered nothing is released.</li>
 * </ul>
 */
final class RealtimeSessionService implements RealtimeSessionUseCase, RealtimeUpstreamSink {
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    static final int TOO_BIG = 1009;
    static final int SERVER_ERROR = 1011;

    private final RealtimeService service;
    private final TokenRecord token;
    private final RealtimeResponseMeter meter;
    private final RealtimeSettings settings;
    private final long openedNanos = System.nanoTime();
    private volatile long lastActivityNanos = openedNanos;

    private final ReentrantLock lock = new ReentrantLock();
    /** Admitted {@code response.create}s whose {@code response.created} has not come yet, in order. */
    private final Deque<ResponseHold> pending = new ArrayDeque<>();
    /** Responses in progress, by response id. */
    private final Map<String, ResponseHold> open = new HashMap<>();
    /** Responses the upstream created by itself that were refused (and cancelled): their events are not relayed. */
    private final Set<String> refused = new HashSet<>();

    private boolean ended;

    private RealtimeUpstreamSessionPort connection;
    private Runnable releaseChannel;
    private volatile RealtimeClientSink client;

    RealtimeSessionService(
            RealtimeService service, TokenRecord token, RealtimeResponseMeter meter, RealtimeSettings settings) {
        this.service = service;
        this.token = token;
        this.meter = meter;
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
                hold = meter.admit(event.maxOutputTokens());
            } catch (MeteringRefusal e) {
                refused(e);
                return;
            } catch (RelayException e) {
                rateLimited(e);
                return;
            }
            lock.lock();
            try {
                if (ended) {
                    meter.giveBack(hold);
                    return;
                }
                pending.addLast(hold);
            } finally {
                lock.unlock();
            }
            if (hold.outputLimitToSend() != null) {
                out = event.withMaxOutputTokens(hold.outputLimitToSend());
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
        if (wasRefused(event.responseId(), "response.done".equals(type))) {
            return;
        }
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
                    meter.settleDone(hold, event.usage(), event.responseStatus());
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
                hold = meter.admit(null);
            } catch (MeteringRefusal e) {
                cancel(responseId);
                refused(e);
                return false;
            } catch (RelayException e) {
                if (responseId != null) {
                    lock.lock();
                    try {
                        refused.add(responseId);
                    } finally {
                        lock.unlock();
                    }
                }
                cancel(responseId);
                rateLimited(e);
                return false;
            }
        }
        lock.lock();
        try {
            if (ended) {
                meter.release(hold);
                return false;
            }
            open.put(responseId == null ? "" : responseId, hold);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Tells the upstream to cancel a response it created by itself. */
    private void cancel(String responseId) {
        try {
            connection.send("{\"type\":\"response.cancel\""
                    + (responseId == null ? "" : ",\"response_id\":\"" + jsonSafe(responseId) + "\"") + "}");
        } catch (RealtimeConnectException ignored) {
            // the upstream's connection is broken: the session ends when it notices
        }
    }

    /** Whether the event belongs to a refused response (forgotten at its {@code response.done}). */
    private boolean wasRefused(String responseId, boolean done) {
        if (responseId == null) {
            return false;
        }
        lock.lock();
        try {
            return done ? refused.remove(responseId) : refused.contains(responseId);
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

    // ---- refusals

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

    /** A rate limit refused a response: the client is told why and how long to wait; the session goes on. */
    private void rateLimited(RelayException e) {
        RealtimeClientSink c = client;
        if (c == null || isEnded()) {
            return;
        }
        try {
            c.sendError(e.type(), e.code(), "the response was not created: " + e.getMessage());
        } catch (RuntimeException gone) {
            end(null, NORMAL, "the client's connection broke", null, null);
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
            unanswered.forEach(meter::release);
            inProgress.forEach(hold -> meter.settleMeasured(hold, "interrupted"));
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
}
