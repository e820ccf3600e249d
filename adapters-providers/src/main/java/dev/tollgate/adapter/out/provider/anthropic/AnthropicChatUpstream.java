package dev.tollgate.adapter.out.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.SseReader;
import dev.tollgate.adapter.out.provider.UpstreamHttp;
import dev.tollgate.application.relay.port.in.RelayEndpoint;
import dev.tollgate.application.relay.port.out.ChatUpstreamPort;
import dev.tollgate.application.relay.port.out.CompletedChat;
import dev.tollgate.application.relay.port.out.StreamChunk;
import dev.tollgate.application.relay.port.out.UpstreamChatRequest;
import dev.tollgate.application.relay.port.out.UpstreamChatResponse;
import dev.tollgate.application.relay.port.out.UpstreamException;
import dev.tollgate.application.relay.port.out.Usage;
import dev.tollgate.domain.channel.ChannelOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Locale;
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

    /** Whether the client spoke Anthropic's protocol itself: its request goes out as is, its answer back as is. */
    static boolean isNative(UpstreamChatRequest request) {
        return request.nativeRequest() != null
                && "anthropic".equals(request.nativeRequest().protocol());
    }

    /**
     * The client's own Messages request, byte for byte, unless the model must be mapped or the output limit lowered
     * to what the key can pay for (then only those fields change).
     */
    private byte[] nativeBody(UpstreamChatRequest request) throws UpstreamException {
        byte[] original = request.nativeRequest().body();
        boolean mapped = !request.upstreamModel().equals(request.requestedModel());
        Long cap = request.maxTokensOverride();
        try {
            if (!mapped && cap == null) {
                return original;
            }
            ObjectNode root = (ObjectNode) mapper.readTree(original);
            if (mapped) {
                root.put("model", request.upstreamModel());
            }
            if (cap != null && root.path("max_tokens").asLong(Long.MAX_VALUE) > cap) {
                root.put("max_tokens", cap);
            }
            return mapper.writeValueAsBytes(root);
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body could not be rewritten", e);
        }
    }

    private byte[] requestBody(UpstreamChatRequest request) throws UpstreamException {
        if (isNative(request)) {
            return nativeBody(request);
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

    private final class Response implements UpstreamChatResponse {
        private final UpstreamChatRequest request;
        private final HttpResponse<InputStream> response;
        private final UpstreamHttp.WatchedBody body;
        private SseReader sse;
        private AnthropicStreamConverter converter;
        private final ArrayDeque<StreamChunk> queued = new ArrayDeque<>();
        private final boolean nativeMode;
        private long nativeInput;
        private long nativeCached;
        private boolean nativeStopped;

        Response(UpstreamChatRequest request, HttpResponse<InputStream> response) {
            this.request = request;
            this.response = response;
            this.nativeMode = isNative(request);
            this.body = http.watch(request, response.body());
        }

        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public boolean streaming() {
            String type = response.headers().firstValue("Content-Type").orElse("");
            return status() / 100 == 2 && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        }

        @Override
        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("application/json");
        }

        @Override
        public byte[] errorBody() throws UpstreamException {
            // as in the OpenAI adapter, only the total time-out bounds reading a whole (non-streamed) body
            return body.readUpTo(settings.maxErrorBodyBytes(), "the error body could not be read");
        }

        @Override
        public CompletedChat completed() throws UpstreamException {
            byte[] bytes = body.readAll("the answer could not be read");
            JsonNode root;
            try {
                root = mapper.readTree(bytes);
            } catch (IOException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer is not JSON", e);
            }
            if (root == null || !root.isObject()) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer is not a JSON object", null);
            }
            if (nativeMode) {
                return nativeAnswer(bytes, (ObjectNode) root);
            }
            ObjectNode chat = AnthropicConversion.toChatCompletion(
                    mapper, root, request.requestedModel(), clock.instant().getEpochSecond());
            String text = AnthropicConversion.generatedText(
                    chat.path("choices").path(0).path("message"));
            try {
                return new CompletedChat(
                        mapper.writeValueAsBytes(chat),
                        AnthropicConversion.usage(root.get("usage")),
                        text,
                        "application/json",
                        0,
                        0);
            } catch (JsonProcessingException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer could not be converted", e);
            }
        }

        /** The Message as the provider sent it (the model name restored when it was mapped). */
        private CompletedChat nativeAnswer(byte[] bytes, ObjectNode root) throws UpstreamException {
            byte[] out = bytes;
            if (!request.upstreamModel().equals(request.requestedModel()) && root.has("model")) {
                root.put("model", request.requestedModel());
                try {
                    out = mapper.writeValueAsBytes(root);
                } catch (JsonProcessingException e) {
                    throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer could not be rewritten", e);
                }
            }
            return new CompletedChat(
                    out,
                    AnthropicConversion.usage(root.get("usage")),
                    AnthropicConversion.generatedText(messageAsChatMessage(root)),
                    "application/json",
                    0,
                    0,
                    true);
        }

        /** The text of a Message (text, thinking, tool input), for counting when usage is missing. */
        private JsonNode messageAsChatMessage(ObjectNode root) {
            return AnthropicConversion.toChatCompletion(mapper, root, request.requestedModel(), 0)
                    .path("choices")
                    .path(0)
                    .path("message");
        }

        /**
         * The provider's next stream event as it came (named by its type), with the usage on message_delta (input
         * from message_start) and the text it adds; null after message_stop.
         */
        private StreamChunk nextNativeChunk() throws UpstreamException {
            if (sse == null) {
                sse = new SseReader(body);
            }
            while (true) {
                if (nativeStopped) {
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
                JsonNode event;
                try {
                    event = mapper.readTree(data);
                } catch (IOException e) {
                    throw new UpstreamException(UpstreamException.Kind.BROKEN, "a stream event is not JSON", e);
                }
                String type = event.path("type").asText("");
                Usage usage = null;
                String text = "";
                switch (type) {
                    case "error" ->
                        throw new UpstreamException(
                                UpstreamException.Kind.BROKEN,
                                "the provider reported "
                                        + event.path("error").path("type").asText("an error"),
                                null);
                    case "message_start" -> {
                        JsonNode u = event.path("message").path("usage");
                        nativeCached = u.path("cache_read_input_tokens").asLong(0);
                        nativeInput = u.path("input_tokens").asLong(0)
                                + nativeCached
                                + u.path("cache_creation_input_tokens").asLong(0);
                        if (!request.upstreamModel().equals(request.requestedModel())
                                && event.path("message").has("model")) {
                            ((ObjectNode) event.path("message")).put("model", request.requestedModel());
                            try {
                                data = mapper.writeValueAsBytes(event);
                            } catch (JsonProcessingException e) {
                                throw new UpstreamException(
                                        UpstreamException.Kind.BROKEN, "an event could not be rewritten", e);
                            }
                        }
                    }
                    case "content_block_delta" -> {
                        JsonNode delta = event.path("delta");
                        text = delta.path("text")
                                .asText(delta.path("thinking")
                                        .asText(delta.path("partial_json").asText("")));
                    }
                    case "message_delta" ->
                        usage = new Usage(
                                nativeInput,
                                event.path("usage").path("output_tokens").asLong(0),
                                nativeCached,
                                0,
                                0);
                    case "message_stop" -> nativeStopped = true;
                    default -> {}
                }
                return new StreamChunk(data, usage, false, text, type);
            }
        }

        @Override
        public StreamChunk nextChunk() throws UpstreamException {
            if (nativeMode) {
                return nextNativeChunk();
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

        @Override
        public void close() {
            body.close();
        }
    }
}
