package dev.tollgate.adapter.out.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.SseReader;
import dev.tollgate.adapter.out.provider.UpstreamAnswer;
import dev.tollgate.adapter.out.provider.UpstreamHttp;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.domain.channel.ChannelOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Chat completions served by Anthropic's Messages API ({@code POST {base}/v1/messages}, {@code x-api-key},
 * {@code anthropic-version}); only {@link RelayEndpoint#CHAT_COMPLETIONS} is served.
 *
 * <p>The client's OpenAI body is converted with {@link AnthropicConversion}; answers are converted back to
 * {@code chat.completion} / {@code chat.completion.chunk} objects showing the model the client asked for. Error
 * answers (non-2xx) are passed through as the provider sent them. Channel options: {@code anthropicVersion}
 * (default {@value #DEFAULT_VERSION}), {@code anthropicBeta} (sent as {@code anthropic-beta}), the common time-outs
 * and {@code header.<Name>}.
 *
 * <p>Time-outs work as in the OpenAI adapter: one periodic sweep cancels a request whose head is later than the
 * request's first-byte time-out, and cuts off a stream that stays silent longer than the idle time-out while being
 * read, or outlives the channel's total time-out.
 */
public class AnthropicChatUpstream implements ChatUpstreamPort {
    /** The API version sent when the channel sets none. */
    static final String DEFAULT_VERSION = "2023-06-01";

    private final ProviderHttpSettings settings;
    private final Clock clock;
    private final UpstreamHttp http;
    private final ObjectMapper mapper = new ObjectMapper();

    public AnthropicChatUpstream(ProviderHttpSettings settings) {
        this(settings, Clock.systemUTC());
    }

    AnthropicChatUpstream(ProviderHttpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new UpstreamHttp(settings, "anthropic-upstream-watchdog");
    }

    /** {@code base + /v1/messages}, or {@code base + /messages} when the base already ends in {@code /v1}. */
    static URI messagesUri(String baseUrl) {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        if (request.endpoint() != RelayEndpoint.CHAT_COMPLETIONS) {
            throw new UpstreamException(
                    UpstreamException.Kind.REFUSED, "the anthropic channel type serves chat completions only", null);
        }
        byte[] body = requestBody(request);
        Map<String, String> options = request.target().options();
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(messagesUri(request.target().baseUrl()));
        // The channel's own extra headers first, so that they can never replace the ones set below.
        ChannelOptions.headers(options).forEach(builder::setHeader);
        builder.setHeader("x-api-key", request.target().apiKey());
        builder.setHeader("anthropic-version", options.getOrDefault("anthropicVersion", DEFAULT_VERSION));
        String beta = options.get("anthropicBeta");
        if (beta != null && !beta.isBlank()) {
            builder.setHeader("anthropic-beta", beta);
        }
        HttpRequest httpRequest = builder.setHeader("Content-Type", "application/json")
                .setHeader("Accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Response(request, http.send(httpRequest, request));
    }

    private byte[] requestBody(UpstreamChatRequest request) throws UpstreamException {
        if (AnthropicNativeAnswer.isNative(request)) {
            return AnthropicNativeAnswer.body(mapper, request);
        }
        try {
            JsonNode chat = mapper.readTree(request.clientBody());
            ObjectNode messages = AnthropicConversion.toMessagesRequest(
                    mapper, chat, request.upstreamModel(), request.maxTokensOverride());
            // the relay's decision whether to stream is what counts (it reads the answer accordingly)
            if (request.stream()) {
                messages.put("stream", true);
            } else {
                messages.remove("stream");
            }
            return mapper.writeValueAsBytes(messages);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body is not JSON", e);
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.REFUSED,
                    "the request cannot be sent to an anthropic channel: " + e.getMessage(),
                    e);
        }
    }

    private final class Response extends UpstreamAnswer {
        private SseReader sse;
        private AnthropicStreamConverter converter;
        private final ArrayDeque<StreamChunk> queued = new ArrayDeque<>();
        private final AnthropicNativeAnswer nativeAnswer;

        Response(UpstreamChatRequest request, HttpResponse<InputStream> response) {
            super(http, settings, AnthropicChatUpstream.this.mapper, request, response);
            this.nativeAnswer =
                    AnthropicNativeAnswer.isNative(request) ? new AnthropicNativeAnswer(mapper, request) : null;
        }

        @Override
        public boolean streaming() {
            return answeredAs("text/event-stream");
        }

        @Override
        public CompletedChat completed() throws UpstreamException {
            byte[] bytes = body.readAll("the answer could not be read");
            if (nativeAnswer != null) {
                return nativeAnswer.completed(bytes);
            }
            JsonNode root = parseObject(bytes, "the answer");
            ObjectNode chat = AnthropicConversion.toChatCompletion(
                    mapper, root, request.requestedModel(), clock.instant().getEpochSecond());
            String text = AnthropicConversion.generatedText(
                    chat.path("choices").path(0).path("message"));
            return new CompletedChat(
                    write(chat, "the answer could not be converted"),
                    AnthropicConversion.usage(root.get("usage")),
                    text,
                    "application/json",
                    0,
                    0);
        }

        @Override
        public StreamChunk nextChunk() throws UpstreamException {
            if (nativeAnswer != null) {
                return nativeAnswer.nextSseChunk(body);
            }
            if (converter == null) {
                converter = new AnthropicStreamConverter(
                        mapper, request.requestedModel(), clock.instant().getEpochSecond());
                sse = new SseReader(body);
            }
            while (queued.isEmpty()) {
                if (converter.finished()) {
                    return null;
                }
                byte[] data = body.armed(sse::next, "the stream broke");
                if (data == null) {
                    body.throwIfCutOff();
                    throw new UpstreamException(
                            UpstreamException.Kind.BROKEN, "the stream ended before message_stop", null);
                }
                if (data.length == 0) {
                    continue;
                }
                queued.addAll(converter.accept(data));
            }
            return queued.poll();
        }

        /** Anthropic answers chat completions as JSON or SSE only: no binary answers. */
        @Override
        public byte[] nextBytes() throws UpstreamException {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN, "the anthropic channel type serves chat completions only", null);
        }
    }
}
