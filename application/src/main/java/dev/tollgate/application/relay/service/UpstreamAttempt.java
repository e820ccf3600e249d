package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.Admission;
import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.channel.port.in.UpstreamRejectionUseCase;
import dev.tollgate.application.common.Fingerprints;
import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.RelaySink;
import dev.tollgate.application.relay.port.in.UpstreamErrorPassthrough;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream attempt: the request sent to one channel with one of its keys, and its answer passed to the client
 * (whole, as a stream, or as audio) or judged a failure before the first byte (which another channel may then serve).
 * Once output has reached the client the answer counts as delivered, whatever happens after.
 */
public class UpstreamAttempt {
    private static final Logger log = LoggerFactory.getLogger(UpstreamAttempt.class);
    /**
     * Endpoints whose answer is computed, not generated: it comes within seconds whatever its size, so their head is
     * awaited as briefly as a stream's (a hung upstream is left for the next channel after the stream head time-out,
     * unless the channel sets {@code firstByteTimeout}; docs/providers.md).
     */
    private static final Set<RelayEndpoint> SHORT_ANSWERS =
            EnumSet.of(RelayEndpoint.EMBEDDINGS, RelayEndpoint.MODERATIONS, RelayEndpoint.RERANK);

    private final ChatUpstreamPort upstream;
    private final RelaySettings settings;

    public UpstreamAttempt(ChatUpstreamPort upstream, RelaySettings settings) {
        this.upstream = upstream;
        this.settings = settings;
    }

    /**
     * One attempt: null when the answer was delivered, else why it failed (before the first byte).
     * {@code traceparent} (null when not traced) goes upstream with the request; {@code head} is told when the
     * answer's head arrives (the channel's breaker counts attempts that wait too long for it).
     */
    AttemptFailure attempt(
            RelayCall clientCall,
            RelaySink sink,
            RoutableChannel channel,
            String apiKey,
            Admission admission,
            RelayOutcome outcome,
            String traceparent,
            HeadWatch.Waiting head) {
        // a channel that cannot take the client's form gets the converted one (Responses → chat completions)
        RelayCall call = clientCall.formFor(channel.type());
        sink.attempting(channel.id(), channel.type(), () -> Fingerprints.of(apiKey));
        String upstreamModel = channel.upstreamModel(call.model());
        // Responses streams always end with their usage (response.completed); chat streams must be asked for it
        boolean forceUsage = call.stream() && !call.clientIncludeUsage() && call.endpoint() != RelayEndpoint.RESPONSES;
        Duration firstByteTimeout = call.stream()
                ? ChannelOptions.timeout(channel.options(), ChannelOptions.STREAM_FIRST_BYTE_TIMEOUT)
                        .orElse(settings.streamFirstByteTimeout())
                : ChannelOptions.timeout(channel.options(), ChannelOptions.FIRST_BYTE_TIMEOUT)
                        .orElse(
                                SHORT_ANSWERS.contains(call.endpoint())
                                        ? settings.streamFirstByteTimeout()
                                        : settings.firstByteTimeout());
        UpstreamChatRequest request = new UpstreamChatRequest(
                call.endpoint(),
                admission.requestId(),
                new UpstreamTarget(channel.id(), channel.type(), channel.baseUrl(), apiKey, channel.options()),
                call.body(),
                call.model(),
                upstreamModel,
                call.stream(),
                forceUsage,
                admission.maxTokensOverride(),
                firstByteTimeout,
                call.contentType(),
                call.nativeRequest(),
                traceparent);
        outcome.channel = channel;
        outcome.upstreamModel = upstreamModel;
        UpstreamChatResponse response;
        try {
            response = upstream.send(request);
            head.headArrived();
        } catch (UpstreamException e) {
            outcome.upstreamStatus = 0;
            if (e.kind() == UpstreamException.Kind.REFUSED) {
                // the request cannot go to this kind of channel: not the channel's fault; another may take it,
                // else the client learns why
                return new AttemptFailure(
                        400,
                        "invalid_request_error",
                        "invalid_request",
                        e.getMessage(),
                        AttemptFailure.Scope.NONE,
                        "refused_request",
                        0);
            }
            return e.kind() == UpstreamException.Kind.TIMEOUT
                    ? AttemptFailure.ofChannel(
                            504, "upstream_timeout", "the upstream did not answer in time", "timeout", 0)
                    : AttemptFailure.ofChannel(
                            502, "upstream_error", "the upstream could not be reached", "connect", 0);
        }
        try (response) {
            int status = response.status();
            outcome.upstreamStatus = status;
            if (UpstreamRejectionUseCase.rejectsTheChannel(status)) {
                return new AttemptFailure(
                        502,
                        "upstream_error",
                        "upstream_error",
                        "the upstream rejected the channel's credentials (" + status + ")",
                        AttemptFailure.Scope.KEY_REJECTED,
                        "rejected",
                        status);
            }
            if (status == 429) {
                return new AttemptFailure(
                        502,
                        "upstream_error",
                        "upstream_error",
                        "the upstream is rate limiting (429)",
                        AttemptFailure.Scope.KEY,
                        "status_429",
                        status,
                        response.retryAfterSeconds());
            }
            if (status >= 500 || (status >= 200 && status < 300 && call.stream() && !response.streaming())) {
                return AttemptFailure.ofChannel(
                        502,
                        "upstream_error",
                        "the upstream failed with status " + status,
                        status >= 500 ? "status_5xx" : "broken",
                        status);
            }
            if (status < 200 || status >= 300) {
                throw new UpstreamErrorPassthrough(status, readError(response));
            }
            if (call.endpoint() == RelayEndpoint.AUDIO_SPEECH) {
                return binary(sink, response, outcome);
            }
            if (!call.stream()) {
                CompletedChat chat;
                try {
                    chat = response.completed();
                } catch (UpstreamException e) {
                    return e.kind() == UpstreamException.Kind.TIMEOUT
                            ? AttemptFailure.ofChannel(
                                    504,
                                    "upstream_timeout",
                                    "the upstream did not finish its answer in time",
                                    "timeout",
                                    status)
                            : AttemptFailure.ofChannel(
                                    502, "upstream_error", "the upstream's answer could not be read", "broken", status);
                }
                outcome.usage = chat.usage();
                if (chat.usage() == null) {
                    outcome.text.append(chat.text()); // counted instead (asked only then: it may cost a parse)
                }
                outcome.images = chat.images();
                outcome.audioSeconds = chat.audioSeconds();
                outcome.deliver();
                outcome.result = "succeeded";
                outcome.settleOnce();
                String type = chat.contentType();
                if (chat.nativeFormat()) {
                    sink.sendBody(200, "application/json", chat.body()); // the client's own protocol: unconverted
                } else if (type == null || type.toLowerCase(Locale.ROOT).contains("json")) {
                    sink.sendJson(200, chat.body());
                } else {
                    sink.sendBody(200, type, chat.body());
                }
                return null;
            }
            return stream(call, sink, response, outcome);
        }
    }

    /**
     * A binary answer (speech audio), passed on piece by piece as it arrives. Once the first piece went out the
     * answer is delivered: the characters spoken are charged even if the audio breaks off later.
     */
    private AttemptFailure binary(RelaySink sink, UpstreamChatResponse response, RelayOutcome outcome) {
        byte[] piece;
        try {
            piece = response.nextBytes();
        } catch (UpstreamException e) {
            return e.kind() == UpstreamException.Kind.TIMEOUT
                    ? AttemptFailure.ofChannel(
                            504, "upstream_timeout", "the upstream did not answer in time", "timeout", 200)
                    : AttemptFailure.ofChannel(
                            502, "upstream_error", "the upstream's audio broke at once", "broken", 200);
        }
        if (piece == null) {
            return AttemptFailure.ofChannel(502, "upstream_error", "the upstream sent no audio", "broken", 200);
        }
        outcome.firstByteAt = System.nanoTime();
        sink.startBinary(response.contentType());
        outcome.deliver();
        outcome.result = "interrupted";
        try {
            while (piece != null) {
                sink.sendBytes(piece);
                piece = response.nextBytes();
            }
            outcome.result = "succeeded";
        } catch (UpstreamException e) {
            log.debug("the upstream's audio broke off: {}", e.getMessage());
        } catch (ClientGoneException e) {
            log.debug("client went away during audio");
        }
        return null;
    }

    private static byte[] readError(UpstreamChatResponse response) {
        try {
            return response.errorBody();
        } catch (UpstreamException e) {
            return ("{\"error\":{\"message\":\"the upstream refused the request\",\"type\":\"upstream_error\","
                            + "\"param\":null,\"code\":\"upstream_error\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Streams the answer; a failure before the first event is a failed attempt (another channel may serve). */
    private AttemptFailure stream(RelayCall call, RelaySink sink, UpstreamChatResponse response, RelayOutcome outcome) {
        StreamChunk first;
        try {
            // comments before the first event are not passed on: the answer has not started, so another channel
            // may still take over if this one fails
            do {
                first = response.nextChunk();
            } while (first != null && first.comment());
        } catch (UpstreamException e) {
            return e.kind() == UpstreamException.Kind.TIMEOUT
                    ? AttemptFailure.ofChannel(
                            504, "upstream_timeout", "the upstream did not answer in time", "timeout", 200)
                    : AttemptFailure.ofChannel(
                            502, "upstream_error", "the upstream's stream broke at once", "broken", 200);
        }
        if (first == null) {
            return AttemptFailure.ofChannel(502, "upstream_error", "the upstream sent an empty stream", "broken", 200);
        }
        outcome.firstByteAt = System.nanoTime();
        sink.startStream();
        outcome.deliver();
        outcome.result = "interrupted";
        try {
            StreamChunk chunk = first;
            while (chunk != null) {
                if (chunk.usage() != null) {
                    outcome.usage = chunk.usage();
                }
                outcome.text.append(chunk.text());
                if (chunk.comment()) {
                    sink.sendComment(chunk.data());
                } else if (chunk.event() != null) {
                    sink.sendNamedEvent(chunk.event(), chunk.data());
                } else if (!chunk.usageOnly() || call.clientIncludeUsage()) {
                    sink.sendEvent(chunk.data());
                }
                chunk = response.nextChunk();
            }
            outcome.result = "succeeded";
            outcome.settleOnce();
            if (call.endpoint().streamEndsWithDone()) {
                sink.sendDone();
            }
        } catch (UpstreamException e) {
            if (call.endpoint() == RelayEndpoint.RESPONSES) {
                sink.sendNamedEvent("error", responsesErrorEvent(e));
            } else {
                sink.sendEvent(errorEvent(e));
            }
        } catch (ClientGoneException e) {
            log.debug("client went away during a stream");
        }
        return null;
    }

    /** The Responses API's stream error event: {@code {"type":"error","code","message","param"}}. */
    private static byte[] responsesErrorEvent(UpstreamException e) {
        String code = e.kind() == UpstreamException.Kind.TIMEOUT ? "upstream_timeout" : "upstream_error";
        return ("{\"type\":\"error\",\"code\":\"" + code + "\",\"message\":\"the upstream stream broke before the "
                        + "answer was complete\",\"param\":null}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] errorEvent(UpstreamException e) {
        String code = e.kind() == UpstreamException.Kind.TIMEOUT ? "upstream_timeout" : "upstream_error";
        String message = e.kind() == UpstreamException.Kind.TIMEOUT
                ? "the upstream stopped sending before the answer was complete"
                : "the upstream stream broke before the answer was complete";
        return ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"upstream_error\",\"param\":null,\"code\":\""
                        + code + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
