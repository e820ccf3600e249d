package dev.tollgate.adapter.out.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.InlineImage;
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
import dev.tollgate.application.upstream.port.out.Usage;
import dev.tollgate.domain.channel.ChannelOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Chat completions and embeddings served by Google's Gemini API ({@code v1beta}): the OpenAI-shaped request is
 * converted to {@code generateContent} ({@code streamGenerateContent?alt=sse} for streams) or
 * {@code batchEmbedContents}, and the answer back to OpenAI's shape with the model name the client asked for.
 *
 * <p>The key travels in the {@code x-goog-api-key} header, never in the URL. Non-2xx answers pass through as they
 * came. Time-outs work as in the OpenAI adapter: one periodic sweep enforces the first-byte, idle and total
 * time-outs.
 */
public class GeminiChatUpstream implements ChatUpstreamPort {
    static final String ONLY_CHAT_AND_EMBEDDINGS =
            "the gemini channel type serves chat completions and embeddings only";

    private final ProviderHttpSettings settings;
    private final Function<String, InlineImage> imageFetcher;
    private final ObjectMapper mapper = new ObjectMapper();
    private final UpstreamHttp http;

    /**
     * @param imageFetcher fetches an http(s) image URL of a message; may throw {@link IllegalArgumentException}
     *                     with a message for the client (a refused or failed fetch)
     */
    public GeminiChatUpstream(ProviderHttpSettings settings, Function<String, InlineImage> imageFetcher) {
        this.settings = settings;
        this.imageFetcher = imageFetcher;
        this.http = new UpstreamHttp(settings, "gemini-watchdog", true);
    }

    /**
     * {@code {base}/v1beta/models/{model}:{method}}; a base that already ends in {@code /v1beta} is not repeated;
     * a {@code models/} prefix of the model name is tolerated.
     */
    static URI uri(String baseUrl, String model, String method) {
        String base = baseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.endsWith("/v1beta")) {
            base = base + "/v1beta";
        }
        return URI.create(
                base + "/models/" + URLEncoder.encode(modelName(model), StandardCharsets.UTF_8) + ":" + method);
    }

    private static String modelName(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        RelayEndpoint endpoint = request.endpoint();
        if (endpoint != RelayEndpoint.CHAT_COMPLETIONS && endpoint != RelayEndpoint.EMBEDDINGS) {
            throw new UpstreamException(UpstreamException.Kind.REFUSED, ONLY_CHAT_AND_EMBEDDINGS, null);
        }
        boolean chat = endpoint == RelayEndpoint.CHAT_COMPLETIONS;
        JsonNode client;
        try {
            client = mapper.readTree(request.clientBody());
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body is not JSON", e);
        }
        boolean base64 = false;
        ObjectNode body;
        byte[] nativeBody = chat && isNative(request) ? nativeBody(request) : null;
        try {
            if (nativeBody != null) {
                body = null;
            } else if (chat) {
                body = GeminiChatRequests.chatRequest(
                        client, request.maxTokensOverride(), InlineImage.perRequest(imageFetcher));
            } else {
                body = GeminiEmbeddingsConversion.embeddingsRequest(client, modelName(request.upstreamModel()));
                base64 = "base64".equals(client.path("encoding_format").asText());
            }
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(UpstreamException.Kind.REFUSED, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "an image could not be fetched", e);
        }
        String method =
                !chat ? "batchEmbedContents" : request.stream() ? "streamGenerateContent?alt=sse" : "generateContent";
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri(request.target().baseUrl(), request.upstreamModel(), method));
        ChannelOptions.headers(request.target().options()).forEach(builder::setHeader);
        HttpRequest httpRequest;
        try {
            httpRequest = builder.setHeader("x-goog-api-key", request.target().apiKey())
                    .header("Content-Type", "application/json")
                    .header("Accept", request.stream() && chat ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            nativeBody != null ? nativeBody : mapper.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request could not be written", e);
        }
        return new Response(request, http.send(httpRequest, request), base64);
    }

    /** Whether the client spoke Gemini's API itself: its request goes out as is, its answer back as is. */
    static boolean isNative(UpstreamChatRequest request) {
        return request.nativeRequest() != null
                && "gemini".equals(request.nativeRequest().protocol());
    }

    /**
     * The client's own GenerateContentRequest, byte for byte, unless the output limit must be lowered to what the
     * key can pay for (the model, mapped or not, is in the path, not the body).
     */
    private byte[] nativeBody(UpstreamChatRequest request) throws UpstreamException {
        byte[] original = request.nativeRequest().body();
        Long cap = request.maxTokensOverride();
        if (cap == null) {
            return original;
        }
        try {
            ObjectNode root = (ObjectNode) mapper.readTree(original);
            JsonNode existing = root.get("generationConfig");
            ObjectNode config = existing instanceof ObjectNode o ? o : root.putObject("generationConfig");
            if (config.path("maxOutputTokens").asLong(Long.MAX_VALUE) > cap) {
                config.put("maxOutputTokens", cap);
            }
            return mapper.writeValueAsBytes(root);
        } catch (IOException | ClassCastException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body could not be rewritten", e);
        }
    }

    private final class Response extends UpstreamAnswer {
        private final boolean base64;
        private final String id;
        private final long created = System.currentTimeMillis() / 1000;
        private SseReader sse;
        private GeminiStreamConverter converter;
        private boolean ended;

        Response(UpstreamChatRequest request, HttpResponse<InputStream> response, boolean base64) {
            super(http, settings, GeminiChatUpstream.this.mapper, request, response);
            this.base64 = base64;
            this.id = "chatcmpl-" + request.requestId();
        }

        @Override
        public boolean streaming() {
            return request.stream()
                    && request.endpoint() == RelayEndpoint.CHAT_COMPLETIONS
                    && answeredAs("text/event-stream");
        }

        @Override
        public CompletedChat completed() throws UpstreamException {
            byte[] bytes = body.readAll("the answer could not be read");
            JsonNode root = parseObject(bytes, "the answer");
            if (isNative(request) && request.endpoint() == RelayEndpoint.CHAT_COMPLETIONS) {
                return new CompletedChat(
                        bytes,
                        GeminiConversion.usage(root.path("usageMetadata")),
                        nativeText(root),
                        "application/json",
                        0,
                        0,
                        true);
            }
            try {
                if (request.endpoint() == RelayEndpoint.EMBEDDINGS) {
                    ObjectNode out =
                            GeminiEmbeddingsConversion.embeddingsResponse(root, request.requestedModel(), base64);
                    return new CompletedChat(mapper.writeValueAsBytes(out), null, "");
                }
                ObjectNode out = GeminiConversion.chatResponse(root, id, created, request.requestedModel());
                StringBuilder text = new StringBuilder();
                out.path("choices").forEach(c -> GeminiConversion.appendText(c.path("message"), text));
                return new CompletedChat(
                        mapper.writeValueAsBytes(out),
                        GeminiConversion.usage(root.path("usageMetadata")),
                        text.toString());
            } catch (IOException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer could not be converted", e);
            }
        }

        @Override
        public StreamChunk nextChunk() throws UpstreamException {
            if (sse == null) {
                sse = new SseReader(body);
                converter = new GeminiStreamConverter(id, created, request.requestedModel());
            }
            while (!ended) {
                SseReader.Item item = body.armed(sse::nextItem, "the stream broke");
                if (item == null) {
                    body.throwIfCutOff();
                    ended = true;
                    ObjectNode usage = converter.usageChunk();
                    if (usage != null) {
                        return new StreamChunk(
                                write(usage, "a chunk could not be written"), converter.usage(), true, "");
                    }
                    break;
                }
                if (item.comment() != null) {
                    return StreamChunk.comment(item.comment());
                }
                if (item.data().length == 0) {
                    continue;
                }
                JsonNode event = parseObject(item.data(), "a stream event");
                if (isNative(request)) {
                    // the client's own protocol: each response passes on as it came, named "gemini" for the sink
                    Usage usage =
                            event.has("usageMetadata") ? GeminiConversion.usage(event.get("usageMetadata")) : null;
                    return new StreamChunk(item.data(), usage, false, nativeText(event), "gemini");
                }
                ObjectNode chunk = converter.convert(event);
                if (chunk != null) {
                    StringBuilder text = new StringBuilder();
                    chunk.path("choices").forEach(c -> GeminiConversion.appendText(c.path("delta"), text));
                    return new StreamChunk(write(chunk, "a chunk could not be written"), null, false, text.toString());
                }
            }
            return null;
        }

        /** The text of a GenerateContentResponse's parts (and function-call arguments), for counting. */
        private String nativeText(JsonNode response) {
            StringBuilder text = new StringBuilder();
            for (JsonNode candidate : response.path("candidates")) {
                for (JsonNode part : candidate.path("content").path("parts")) {
                    if (part.path("text").isTextual()) {
                        text.append(part.get("text").asText());
                    }
                    if (part.has("functionCall")) {
                        text.append(part.get("functionCall").path("args").toString());
                    }
                }
            }
            return text.toString();
        }

        /** Gemini answers no binary bodies: the whole body at once, then null. */
        @Override
        public byte[] nextBytes() throws UpstreamException {
            if (body.closed()) {
                return null;
            }
            try {
                return body.readAllBytes();
            } catch (IOException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer broke", e);
            } finally {
                close();
            }
        }
    }
}
