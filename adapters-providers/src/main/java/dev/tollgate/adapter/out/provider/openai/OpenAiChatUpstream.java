package dev.tollgate.adapter.out.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.SseReader;
import dev.tollgate.adapter.out.provider.UpstreamAnswer;
import dev.tollgate.adapter.out.provider.UpstreamHttp;
import dev.tollgate.application.common.MultipartForm;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.Usage;
import dev.tollgate.domain.channel.ChannelOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Chat completions against OpenAI-compatible upstreams ({@code /v1/chat/completions}, Bearer key).
 *
 * <p>The client's body is forwarded byte for byte unless Tollgate must change a field (model mapping, asking a
 * stream for its usage, a lower output limit); then only those fields change and every other one, known or not,
 * is kept. Streams are read event by event and never buffered; an idle watchdog aborts a stream that stays silent
 * longer than the configured idle time-out.
 */
public class OpenAiChatUpstream implements ChatUpstreamPort {
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern VERSIONED = Pattern.compile(".*/v\\d+$");
    private static final int MAX_ENDPOINTS = 4096;
    private static final Map<String, URI> ENDPOINTS = new ConcurrentHashMap<>();

    /** The Azure OpenAI API version used when a channel sets none (a generally available version). */
    static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

    private final ProviderHttpSettings settings;
    private final UpstreamHttp http;
    private final ObjectMapper mapper = new ObjectMapper();

    public OpenAiChatUpstream(ProviderHttpSettings settings) {
        this.settings = settings;
        this.http = new UpstreamHttp(settings, "upstream-watchdog");
    }

    /**
     * {@code base + /v1/chat/completions}, or {@code base + /chat/completions} when the base already ends in a
     * version segment ({@code /v1}, Ark's {@code /api/v3}, Zhipu's {@code /api/paas/v4}, Qianfan's {@code /v2}).
     */
    static URI chatUri(String baseUrl) {
        return endpointUri(baseUrl, "chat/completions");
    }

    /** {@code base + /v1/<path>}, or {@code base + /<path>} when the base already ends in a version segment. */
    public static URI endpointUri(String baseUrl, String path) {
        // parsing the URI and matching the version pattern was 2 % of a relayed request: keep the few per channel
        String key = baseUrl + ' ' + path;
        URI known = ENDPOINTS.get(key);
        if (known != null) {
            return known;
        }
        if (ENDPOINTS.size() >= MAX_ENDPOINTS) {
            ENDPOINTS.clear();
        }
        URI uri = parseEndpointUri(baseUrl, path);
        ENDPOINTS.put(key, uri);
        return uri;
    }

    private static URI parseEndpointUri(String baseUrl, String path) {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(VERSIONED.matcher(base).matches() ? base + "/" + path : base + "/v1/" + path);
    }

    /**
     * Azure OpenAI: {@code {base}/openai/deployments/{deployment}/chat/completions?api-version=}, where the
     * deployment is the upstream model name (map client models to deployments with the channel's model mapping).
     */
    static URI azureChatUri(String baseUrl, String deployment, String apiVersion) {
        return azureUri(baseUrl, deployment, "chat/completions", apiVersion);
    }

    static URI azureUri(String baseUrl, String deployment, String path, String apiVersion) {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/openai/deployments/" + URLEncoder.encode(deployment, StandardCharsets.UTF_8) + "/"
                + path + "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        byte[] body = requestBody(request);
        boolean azure = "azure".equals(request.target().type());
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                azure
                        ? azureUri(
                                request.target().baseUrl(),
                                request.upstreamModel(),
                                request.endpoint().path(),
                                request.target().options().getOrDefault("apiVersion", DEFAULT_AZURE_API_VERSION))
                        : endpointUri(
                                request.target().baseUrl(), request.endpoint().path()));
        if (azure) {
            builder.header("api-key", request.target().apiKey());
        } else {
            builder.header("Authorization", "Bearer " + request.target().apiKey());
        }
        if ("openrouter".equals(request.target().type())) {
            // OpenRouter's attribution header: the name of the application that sent the request.
            builder.header("X-Title", "Tollgate");
        }
        // The channel's own extra headers (options "header.<Name>"); credentials and framing headers are refused
        // when the channel is saved, and the client's headers are never forwarded.
        ChannelOptions.headers(request.target().options()).forEach(builder::setHeader);
        if (request.traceparent() != null) {
            // W3C trace context: the provider (or a proxy in front of it) may continue Tollgate's trace
            builder.setHeader("traceparent", request.traceparent());
        }
        String accept = request.stream()
                ? "text/event-stream"
                : request.endpoint() == RelayEndpoint.AUDIO_SPEECH
                                || request.endpoint().transcription()
                        ? "*/*"
                        : "application/json";
        HttpRequest httpRequest = builder.header(
                        "Content-Type", request.contentType() == null ? "application/json" : request.contentType())
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Response(request, http.send(httpRequest, request));
    }

    private byte[] requestBody(UpstreamChatRequest request) throws UpstreamException {
        boolean mapped = !request.upstreamModel().equals(request.requestedModel());
        if (request.endpoint().multipart()) {
            if (!mapped) {
                return request.clientBody();
            }
            try {
                return MultipartForm.replaceTextField(
                        request.clientBody(), request.contentType(), "model", request.upstreamModel());
            } catch (IllegalArgumentException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the form could not be rewritten", e);
            }
        }
        if (!mapped && request.maxTokensOverride() == null) {
            if (!request.forceIncludeUsage()) {
                return request.clientBody();
            }
            byte[] spliced = IncludeUsageSplice.splice(request.clientBody());
            if (spliced != null) {
                return spliced; // the usual stream: no tree read and written again
            }
        }
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(request.clientBody());
            if (mapped) {
                root.put("model", request.upstreamModel());
            }
            if (request.forceIncludeUsage()) {
                JsonNode options = root.get("stream_options");
                ObjectNode streamOptions = options instanceof ObjectNode o ? o : root.putObject("stream_options");
                streamOptions.put("include_usage", true);
            }
            if (request.maxTokensOverride() != null) {
                String field = request.endpoint().maxTokensField();
                root.put(
                        root.has("max_completion_tokens") ? "max_completion_tokens" : field,
                        request.maxTokensOverride());
            }
            return mapper.writeValueAsBytes(root);
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body could not be rewritten", e);
        }
    }

    private final class Response extends UpstreamAnswer {
        private final boolean restoreModel;
        private SseReader sse;

        Response(UpstreamChatRequest request, HttpResponse<InputStream> response) {
            super(http, settings, OpenAiChatUpstream.this.mapper, request, response);
            this.restoreModel = !request.upstreamModel().equals(request.requestedModel());
        }

        /**
         * A stream request answered 2xx with {@code text/event-stream}. A stream request answered with JSON instead
         * (some upstreams report errors that way) is not a stream: the relay treats it as a failed attempt.
         */
        @Override
        public boolean streaming() {
            return request.stream() && answeredAs("text/event-stream");
        }

        @Override
        public CompletedChat completed() throws UpstreamException {
            byte[] bytes = body.readAll("the answer could not be read");
            String type = contentType();
            if (request.endpoint().transcription()
                    && !type.toLowerCase(Locale.ROOT).contains("json")) {
                // a transcript as text, SRT or VTT: passed on as it came; its words are the output
                return new CompletedChat(bytes, null, new String(bytes, StandardCharsets.UTF_8), type, 0, 0);
            }
            if (!restoreModel
                    && !request.endpoint().images()
                    && !request.endpoint().transcription()) {
                Usage usage = UsageScan.of(mapper, bytes);
                if (usage != null) {
                    // passed on as it came; the usage is all the relay needs from it (no tree of the answer): its
                    // text is read only if someone asks (a channel test shows it)
                    return new CompletedChat(bytes, usage, () -> textOf(bytes), type, 0, 0, false);
                }
            }
            JsonNode root = parseObject(bytes, "the answer");
            String text = textOf(root);
            long images = request.endpoint().images() && root.path("data").isArray()
                    ? root.path("data").size()
                    : 0;
            long seconds =
                    request.endpoint().transcription() && root.path("duration").isNumber()
                            ? (long) Math.ceil(root.path("duration").asDouble())
                            : 0;
            return new CompletedChat(
                    restoreModel ? withModel((ObjectNode) root) : bytes, usage(root), text, type, images, seconds);
        }

        /** The text of a well-formed answer, "" when it cannot be read. */
        private String textOf(byte[] bytes) {
            try {
                JsonNode root = mapper.readTree(bytes);
                return root == null ? "" : textOf(root);
            } catch (IOException e) {
                return "";
            }
        }

        private static String textOf(JsonNode root) {
            StringBuilder text = new StringBuilder();
            for (JsonNode choice : root.path("choices")) {
                appendText(choice.path("message"), text);
                appendIfText(choice.path("text"), text);
            }
            for (JsonNode item : root.path("output")) {
                // Responses API: message items hold output_text parts; function calls hold their arguments
                for (JsonNode part : item.path("content")) {
                    appendIfText(part.path("text"), text);
                }
                appendIfText(item.path("arguments"), text);
            }
            appendIfText(root.path("text"), text); // a transcript (json / verbose_json)
            return text.toString();
        }

        @Override
        public Long retryAfterSeconds() {
            return RetryAfter.seconds(
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("retry-after-ms").orElse(null));
        }

        @Override
        public byte[] nextBytes() throws UpstreamException {
            byte[] buffer = new byte[16 * 1024];
            int n = body.armed(() -> body.read(buffer), "the answer broke");
            if (n < 0) {
                body.throwIfCutOff();
                return null;
            }
            return Arrays.copyOf(buffer, n);
        }

        @Override
        public StreamChunk nextChunk() throws UpstreamException {
            if (sse == null) {
                sse = new SseReader(body);
            }
            while (true) {
                SseReader.Item item = body.armed(sse::nextItem, "the stream broke");
                if (item != null && item.comment() != null) {
                    return StreamChunk.comment(item.comment());
                }
                byte[] data = item == null ? null : item.data();
                if (data == null) {
                    body.throwIfCutOff();
                    return null;
                }
                if (Arrays.equals(data, DONE)) {
                    return null;
                }
                if (data.length == 0) {
                    continue;
                }
                return chunk(data);
            }
        }

        private StreamChunk chunk(byte[] data) throws UpstreamException {
            if (request.endpoint() != RelayEndpoint.RESPONSES && !restoreModel) {
                StreamChunk scanned = ChatChunkScan.of(mapper, data); // passed on as it came: no tree needed
                if (scanned != null) {
                    return scanned;
                }
            }
            JsonNode root = parseObject(data, "a stream event");
            if (request.endpoint() == RelayEndpoint.RESPONSES) {
                return responsesEvent(data, (ObjectNode) root);
            }
            return fromTree(root, restoreModel ? withModel((ObjectNode) root) : data);
        }

        /**
         * One Responses API event: its name is its {@code type}; text deltas (output, reasoning summary, function
         * arguments) are counted; {@code response.completed}/{@code response.incomplete} carry the usage.
         */
        private StreamChunk responsesEvent(byte[] data, ObjectNode root) throws UpstreamException {
            String type = root.path("type").asText("message");
            String text = type.endsWith(".delta") && root.path("delta").isTextual()
                    ? root.path("delta").textValue()
                    : "";
            JsonNode response = root.path("response");
            Usage usage = response.isObject() ? usage(response) : null;
            boolean rewrite = restoreModel && response.isObject() && response.has("model");
            if (rewrite) {
                ((ObjectNode) response).put("model", request.requestedModel());
            }
            byte[] out = data;
            if (rewrite) {
                try {
                    out = mapper.writeValueAsBytes(root);
                } catch (JsonProcessingException e) {
                    throw new UpstreamException(UpstreamException.Kind.BROKEN, "an event could not be rewritten", e);
                }
            }
            return new StreamChunk(out, usage, false, text, type);
        }

        private byte[] withModel(ObjectNode root) throws UpstreamException {
            if (root.has("model")) {
                root.put("model", request.requestedModel());
            }
            try {
                return mapper.writeValueAsBytes(root);
            } catch (JsonProcessingException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer could not be rewritten", e);
            }
        }
    }

    /**
     * A chat completion stream's event read from its tree: the text of its choices (each one's delta, then its own
     * {@code text}) and its usage; {@code out} is what goes on to the client.
     */
    static StreamChunk fromTree(JsonNode root, byte[] out) {
        JsonNode choices = root.path("choices");
        StringBuilder text = new StringBuilder();
        for (JsonNode choice : choices) {
            appendText(choice.path("delta"), text);
            appendIfText(choice.path("text"), text);
        }
        Usage usage = usage(root);
        boolean usageOnly = usage != null && (!choices.isArray() || choices.isEmpty());
        return new StreamChunk(out, usage, usageOnly, text.toString());
    }

    /**
     * OpenAI's {@code usage}; when only {@code total_tokens} is given (Jina-style rerank and embeddings), the input is
     * the total less any completion.
     */
    static Usage usage(JsonNode root) {
        JsonNode usage = root.get("usage");
        if (usage == null || !usage.isObject()) {
            return null;
        }
        if ("duration".equals(usage.path("type").asText())) {
            // transcription billed by duration: {"type":"duration","seconds":N}
            return new Usage(0, 0, 0, 0, (long) Math.ceil(usage.path("seconds").asDouble(0)));
        }
        if (usage.has("input_tokens") || usage.has("output_tokens")) {
            // Responses API, image and transcription models
            return new Usage(
                    usage.path("input_tokens").asLong(0),
                    usage.path("output_tokens").asLong(0),
                    usage.path("input_tokens_details").path("cached_tokens").asLong(0),
                    usage.path("output_tokens_details").path("reasoning_tokens").asLong(0),
                    0);
        }
        long completion = usage.path("completion_tokens").asLong(0);
        long prompt = usage.has("prompt_tokens")
                ? usage.path("prompt_tokens").asLong(0)
                : Math.max(0, usage.path("total_tokens").asLong(0) - completion);
        return new Usage(
                prompt,
                completion,
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0),
                0);
    }

    /** Generated text of a message or delta: content, reasoning and tool-call arguments. */
    private static void appendText(JsonNode message, StringBuilder text) {
        appendIfText(message.path("content"), text);
        appendIfText(message.path("reasoning_content"), text);
        for (JsonNode call : message.path("tool_calls")) {
            appendIfText(call.path("function").path("arguments"), text);
        }
    }

    private static void appendIfText(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            text.append(node.textValue());
        }
    }
}
