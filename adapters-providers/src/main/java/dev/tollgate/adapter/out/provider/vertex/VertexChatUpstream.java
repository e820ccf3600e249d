package dev.tollgate.adapter.out.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.InlineImage;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.SseReader;
import dev.tollgate.adapter.out.provider.UpstreamAnswer;
import dev.tollgate.adapter.out.provider.UpstreamHttp;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicConversion;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicNativeAnswer;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicStreamConverter;
import dev.tollgate.adapter.out.provider.fetch.GuardedUrlFetcher;
import dev.tollgate.adapter.out.provider.gemini.GeminiChatRequests;
import dev.tollgate.adapter.out.provider.gemini.GeminiConversion;
import dev.tollgate.adapter.out.provider.gemini.GeminiStreamConverter;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Chat completions served by Google Vertex AI, for Gemini models ({@code publishers/google}, {@code generateContent}
 * / {@code streamGenerateContent?alt=sse}) and Anthropic's Claude models ({@code publishers/anthropic},
 * {@code rawPredict} / {@code streamRawPredict}); only {@link RelayEndpoint#CHAT_COMPLETIONS} is served.
 *
 * <p>Channel conventions: the key is the whole service-account JSON key; options {@code location} (required, e.g.
 * {@code us-central1} or {@code global}) and {@code project} (default: the key's {@code project_id}); a blank base
 * URL means {@code https://{location}-aiplatform.googleapis.com} ({@code https://aiplatform.googleapis.com} for
 * {@code global}). Requests carry {@code Authorization: Bearer} with an access token from
 * {@link ServiceAccountTokens}.
 *
 * <p>A model whose name starts with {@code claude} is sent as an Anthropic Messages body (without {@code model},
 * with {@code anthropic_version: vertex-2023-10-16}) and answered as the Anthropic adapter answers; an Anthropic
 * client's own Messages request goes out as it came (only those two fields and a capped output limit changed) and its
 * answer and stream events come back unconverted ({@link AnthropicNativeAnswer}); any other model
 * is sent as a Gemini {@code generateContent} body and answered as the Gemini adapter answers. Error answers (non-2xx)
 * pass through as they came. Time-outs work as in the other adapters: the first-byte time-out bounds the token
 * exchange and the answer's head together, one periodic sweep enforces it and the idle and total time-outs.
 */
public class VertexChatUpstream implements ChatUpstreamPort {
    static final String ONLY_CHAT = "the vertex channel type serves chat completions only";
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The two model families Vertex serves here. */
    enum Family {
        GEMINI,
        CLAUDE
    }

    private final ProviderHttpSettings settings;
    private final Clock clock;
    private final Function<String, InlineImage> imageFetcher;
    private final ObjectMapper mapper = new ObjectMapper();
    private final UpstreamHttp http;
    private final ServiceAccountTokens tokens;

    public VertexChatUpstream(ProviderHttpSettings settings) {
        this(settings, Clock.systemUTC());
    }

    VertexChatUpstream(ProviderHttpSettings settings, Clock clock) {
        this(settings, clock, InlineImage.fetchedBy(new GuardedUrlFetcher()));
    }

    /**
     * @param imageFetcher fetches an http(s) image URL of a Gemini message; may throw
     *                     {@link IllegalArgumentException} with a message for the client
     */
    VertexChatUpstream(ProviderHttpSettings settings, Clock clock, Function<String, InlineImage> imageFetcher) {
        this.settings = settings;
        this.clock = clock;
        this.imageFetcher = imageFetcher;
        this.http = new UpstreamHttp(settings, "vertex-watchdog", true);
        this.tokens = new ServiceAccountTokens(http.client(), clock);
    }

    static Family family(String upstreamModel) {
        return upstreamModel != null && upstreamModel.toLowerCase(Locale.ROOT).startsWith("claude")
                ? Family.CLAUDE
                : Family.GEMINI;
    }

    /**
     * {@code {base}/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}}; a
     * blank base — or the channel type's default, {@value #DEFAULT_BASE_URL} — is the location's regional host
     * ({@code aiplatform.googleapis.com} for {@code global}); a base that already ends in {@code /v1} is not repeated.
     */
    /** The {@code vertex} channel type's default base URL: it stands for "the location's own host". */
    static final String DEFAULT_BASE_URL = "https://aiplatform.googleapis.com";

    static URI uri(String baseUrl, String project, String location, Family family, String model, String method) {
        String base = baseUrl == null || baseUrl.isBlank() || DEFAULT_BASE_URL.equals(baseUrl.trim())
                ? "global".equals(location)
                        ? "https://aiplatform.googleapis.com"
                        : "https://" + location + "-aiplatform.googleapis.com"
                : baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.endsWith("/v1")) {
            base = base + "/v1";
        }
        String publisher = family == Family.CLAUDE ? "anthropic" : "google";
        return URI.create(base + "/projects/" + segment(project) + "/locations/" + segment(location) + "/publishers/"
                + publisher + "/models/" + segment(model) + ":" + method);
    }

    /** Percent-encodes a path segment (UTF-8), leaving RFC 3986 unreserved characters and {@code @} as they are. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '@') {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        long deadline = System.nanoTime() + request.firstByteTimeout().toNanos();
        if (request.endpoint() != RelayEndpoint.CHAT_COMPLETIONS) {
            throw broken(ONLY_CHAT, null);
        }
        Map<String, String> options = request.target().options();
        String location = options.get("location");
        if (location == null || location.isBlank()) {
            throw broken("the vertex channel needs the option location (e.g. us-central1 or global)", null);
        }
        location = location.trim();
        if (!LOCATION.matcher(location).matches()) {
            throw broken("the vertex option location is not a location name (e.g. us-central1 or global)", null);
        }
        ServiceAccountTokens.ServiceAccountKey key = tokens.key(request.target().apiKey());
        String project = options.get("project");
        project = project == null || project.isBlank() ? key.projectId() : project.trim();
        if (project == null) {
            throw broken("the vertex channel needs the option project (its key names no project_id)", null);
        }
        Family family = family(request.upstreamModel());
        boolean anthropicClient = family == Family.CLAUDE && AnthropicNativeAnswer.isNative(request);
        byte[] body = anthropicClient
                ? AnthropicNativeAnswer.platformBody(mapper, request, ANTHROPIC_VERSION, true)
                : family == Family.CLAUDE ? claudeBody(request) : geminiBody(request);
        String method = family == Family.CLAUDE
                ? request.stream() ? "streamRawPredict" : "rawPredict"
                : request.stream() ? "streamGenerateContent?alt=sse" : "generateContent";
        URI uri = uri(request.target().baseUrl(), project, location, family, request.upstreamModel(), method);

        String token = tokens.accessToken(key, remaining(deadline, request));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        // The channel's own extra headers first, so that they can never replace the ones set below.
        ChannelOptions.headers(options).forEach(builder::setHeader);
        HttpRequest httpRequest = builder.setHeader("Authorization", "Bearer " + token)
                .setHeader("Content-Type", "application/json")
                .setHeader("Accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Response(
                request,
                family,
                http.send(httpRequest, request, deadline),
                anthropicClient ? new AnthropicNativeAnswer(mapper, request) : null);
    }

    /** What is left of the first-byte time-out (at least a millisecond). */
    private static Duration remaining(long deadline, UpstreamChatRequest request) throws UpstreamException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT,
                    "no answer from channel " + request.target().channelId() + " within " + request.firstByteTimeout(),
                    null);
        }
        return Duration.ofNanos(Math.max(left, 1_000_000));
    }

    private JsonNode clientJson(UpstreamChatRequest request) throws UpstreamException {
        try {
            return mapper.readTree(request.clientBody());
        } catch (IOException e) {
            throw broken("the request body is not JSON", e);
        }
    }

    /** The Anthropic Messages body as Vertex wants it: no {@code model} (it is in the URL), an anthropic_version. */
    private byte[] claudeBody(UpstreamChatRequest request) throws UpstreamException {
        JsonNode chat = clientJson(request);
        try {
            ObjectNode messages = AnthropicConversion.toMessagesRequest(
                    mapper, chat, request.upstreamModel(), request.maxTokensOverride());
            messages.remove("model");
            ObjectNode body = mapper.createObjectNode().put("anthropic_version", ANTHROPIC_VERSION);
            body.setAll(messages);
            // the relay's decision whether to stream is what counts (it reads the answer accordingly)
            if (request.stream()) {
                body.put("stream", true);
            } else {
                body.remove("stream");
            }
            return mapper.writeValueAsBytes(body);
        } catch (IllegalArgumentException e) {
            throw broken("the request cannot be sent to a vertex channel: " + e.getMessage(), e);
        } catch (IOException e) {
            throw broken("the request could not be written", e);
        }
    }

    private byte[] geminiBody(UpstreamChatRequest request) throws UpstreamException {
        JsonNode chat = clientJson(request);
        try {
            return mapper.writeValueAsBytes(GeminiChatRequests.chatRequest(
                    chat, request.maxTokensOverride(), InlineImage.perRequest(imageFetcher)));
        } catch (IllegalArgumentException e) {
            throw broken(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw broken("an image could not be fetched", e);
        } catch (IOException e) {
            throw broken("the request could not be written", e);
        }
    }

    private static UpstreamException broken(String message, Throwable cause) {
        return new UpstreamException(UpstreamException.Kind.BROKEN, message, cause);
    }

    private final class Response extends UpstreamAnswer {
        private final Family family;
        private final AnthropicNativeAnswer anthropicAnswer;
        private final long created = clock.instant().getEpochSecond();
        private SseReader sse;
        private GeminiStreamConverter gemini;
        private AnthropicStreamConverter claude;
        private final ArrayDeque<StreamChunk> queued = new ArrayDeque<>();
        private boolean ended;

        Response(
                UpstreamChatRequest request,
                Family family,
                HttpResponse<InputStream> response,
                AnthropicNativeAnswer anthropicAnswer) {
            super(http, settings, VertexChatUpstream.this.mapper, request, response);
            this.family = family;
            this.anthropicAnswer = anthropicAnswer;
        }

        @Override
        public boolean streaming() {
            return request.stream() && answeredAs("text/event-stream");
        }

        @Override
        public CompletedChat completed() throws UpstreamException {
            byte[] bytes = body.readAll("the answer could not be read");
            if (anthropicAnswer != null) {
                return anthropicAnswer.completed(bytes);
            }
            JsonNode root = parseObject(bytes, "the answer");
            ObjectNode chat;
            Usage usage;
            if (family == Family.CLAUDE) {
                chat = AnthropicConversion.toChatCompletion(mapper, root, request.requestedModel(), created);
                usage = AnthropicConversion.usage(root.get("usage"));
            } else {
                chat = GeminiConversion.chatResponse(
                        root, "chatcmpl-" + request.requestId(), created, request.requestedModel());
                usage = usageOf(chat.get("usage"));
            }
            StringBuilder text = new StringBuilder();
            chat.path("choices").forEach(c -> text.append(AnthropicConversion.generatedText(c.path("message"))));
            return new CompletedChat(
                    write(chat, "the answer could not be converted"), usage, text.toString(), "application/json", 0, 0);
        }

        @Override
        public StreamChunk nextChunk() throws UpstreamException {
            if (anthropicAnswer != null) {
                return anthropicAnswer.nextSseChunk(body);
            }
            if (sse == null) {
                sse = new SseReader(body);
                if (family == Family.CLAUDE) {
                    claude = new AnthropicStreamConverter(mapper, request.requestedModel(), created);
                } else {
                    gemini = new GeminiStreamConverter(
                            "chatcmpl-" + request.requestId(), created, request.requestedModel());
                }
            }
            while (queued.isEmpty()) {
                if (ended || claude != null && claude.finished()) {
                    return null;
                }
                SseReader.Item item = body.armed(sse::nextItem, "the stream broke");
                if (item == null) {
                    body.throwIfCutOff();
                    ended = true;
                    if (claude != null) {
                        throw broken("the stream ended before message_stop", null);
                    }
                    ObjectNode usageChunk = gemini.usageChunk();
                    if (usageChunk != null) {
                        return new StreamChunk(
                                write(usageChunk, "the answer could not be converted"), gemini.usage(), true, "");
                    }
                    return null;
                }
                if (item.comment() != null) {
                    return StreamChunk.comment(item.comment());
                }
                if (item.data().length == 0) {
                    continue;
                }
                if (claude != null) {
                    queued.addAll(claude.accept(item.data()));
                } else {
                    ObjectNode chunk = gemini.convert(parseObject(item.data(), "a stream event"));
                    if (chunk != null) {
                        StringBuilder text = new StringBuilder();
                        chunk.path("choices")
                                .forEach(c -> text.append(AnthropicConversion.generatedText(c.path("delta"))));
                        queued.add(new StreamChunk(
                                write(chunk, "the answer could not be converted"), null, false, text.toString()));
                    }
                }
            }
            return queued.poll();
        }

        /** Vertex answers chat completions as JSON or SSE only: no binary answers. */
        @Override
        public byte[] nextBytes() throws UpstreamException {
            throw broken(ONLY_CHAT, null);
        }
    }

    /**
     * The usage of a converted Gemini answer, read back from its OpenAI {@code usage} object (the Gemini helper that
     * reads {@code usageMetadata} is package-private); null when the answer reported none.
     */
    static Usage usageOf(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new Usage(
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0),
                0);
    }
}
