package dev.tollgate.adapter.out.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.InlineImage;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.UpstreamAnswer;
import dev.tollgate.adapter.out.provider.UpstreamHttp;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicConversion;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicNativeAnswer;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Chat completions served by AWS Bedrock Runtime's Converse API ({@code POST {base}/model/{modelId}/converse}, or
 * {@code /converse-stream} for a stream), signed with AWS Signature Version 4 (service {@code bedrock}); only
 * {@link RelayEndpoint#CHAT_COMPLETIONS} is served.
 *
 * <p>The channel key is {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY} or
 * {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN}; the option {@code region} is required; a blank base URL means
 * {@code https://bedrock-runtime.{region}.amazonaws.com}. The model id (the request's upstream model) is
 * percent-encoded as one path segment. The client's OpenAI body is converted with {@link BedrockConversion}; answers
 * are converted back showing the model the client asked for; a stream's binary event-stream frames are decoded by
 * {@link EventStreamDecoder} (both CRCs checked) and converted by {@link BedrockStreamConverter}. Error answers
 * (non-2xx) are passed through as the provider sent them. Channel options besides {@code region}: the common
 * time-outs and {@code header.<Name>} (sent unsigned; never replacing a signed header).
 *
 * <p>An Anthropic client (a {@code /v1/messages} request) on a Claude model is not converted: its Messages body goes
 * to {@code /model/{modelId}/invoke} (or {@code /invoke-with-response-stream}) with {@code anthropic_version:
 * bedrock-2023-05-31} and without {@code model} and {@code stream}, and the answer — the Message, or each event
 * carried base64-encoded in the stream's {@code chunk} frames — goes back as Anthropic sent it
 * ({@link AnthropicNativeAnswer}).
 *
 * <p>Time-outs work as in the other adapters: one periodic sweep cancels a request whose head is later than the
 * request's first-byte time-out, and cuts off a stream that stays silent longer than the idle time-out while being
 * read, or outlives the channel's total time-out.
 */
public class BedrockChatUpstream implements ChatUpstreamPort {
    static final String SERVICE = "bedrock";
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    /** The {@code anthropic_version} Bedrock wants in an Anthropic Messages body sent to {@code invoke}. */
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");

    private final ProviderHttpSettings settings;
    private final Clock clock;
    private final Function<String, InlineImage> imageFetcher;
    private final UpstreamHttp http;
    private final ObjectMapper mapper = new ObjectMapper();

    public BedrockChatUpstream(ProviderHttpSettings settings) {
        this(settings, Clock.systemUTC(), null);
    }

    /**
     * With a fetcher for image URLs (Converse takes images inline only): an http(s) image is fetched through it and
     * sent as bytes; it throws IllegalArgumentException (a message for the client) for a URL it refuses.
     */
    public BedrockChatUpstream(ProviderHttpSettings settings, Function<String, InlineImage> imageFetcher) {
        this(settings, Clock.systemUTC(), imageFetcher);
    }

    /** With the clock that dates signatures and answers (tests). */
    BedrockChatUpstream(ProviderHttpSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    BedrockChatUpstream(ProviderHttpSettings settings, Clock clock, Function<String, InlineImage> imageFetcher) {
        this.settings = settings;
        this.clock = clock;
        this.imageFetcher = imageFetcher;
        this.http = new UpstreamHttp(settings, "bedrock-upstream-watchdog");
    }

    /** The {@code aws-bedrock} channel type's default base URL: it stands for "the region's own endpoint". */
    static final String DEFAULT_BASE_URL = "https://bedrock-runtime.amazonaws.com";

    /**
     * The base URL: the channel's (trailing slashes removed), or the region's public endpoint when blank or the
     * type's default.
     */
    static String baseUrl(String configured, String region) {
        if (configured == null || configured.isBlank() || DEFAULT_BASE_URL.equals(configured.strip())) {
            return "https://bedrock-runtime." + region + ".amazonaws.com";
        }
        String base = configured.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** {@code base/model/{modelId}/converse[-stream]}, the model id percent-encoded as one segment. */
    static URI converseUri(String base, String modelId, boolean stream) {
        return URI.create(
                base + "/model/" + SigV4Signer.uriEncode(modelId, true) + (stream ? "/converse-stream" : "/converse"));
    }

    /** {@code base/model/{modelId}/invoke[-with-response-stream]}: a model's own request format (Claude's Messages). */
    static URI invokeUri(String base, String modelId, boolean stream) {
        return URI.create(base + "/model/" + SigV4Signer.uriEncode(modelId, true)
                + (stream ? "/invoke-with-response-stream" : "/invoke"));
    }

    /** An Anthropic client on a Claude model: its Messages request goes to {@code invoke} as it came. */
    static boolean anthropicClient(UpstreamChatRequest request) {
        return AnthropicNativeAnswer.isNative(request)
                && request.upstreamModel().toLowerCase(Locale.ROOT).contains("claude");
    }

    /** The channel key split into credentials. */
    static SigV4Signer.Credentials credentials(String key) throws UpstreamException {
        String[] parts = key == null ? new String[0] : key.strip().split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN,
                    "the aws-bedrock channel key must be ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]",
                    null);
        }
        String token = parts.length == 3 && !parts[2].isBlank() ? parts[2] : null;
        return new SigV4Signer.Credentials(parts[0], parts[1], token);
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        if (request.endpoint() != RelayEndpoint.CHAT_COMPLETIONS) {
            throw new UpstreamException(
                    UpstreamException.Kind.REFUSED, "the aws-bedrock channel type serves chat completions only", null);
        }
        Map<String, String> options = request.target().options();
        String region = options.get("region");
        if (region == null || region.isBlank()) {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN, "the aws-bedrock channel needs options.region", null);
        }
        region = region.strip();
        if (!REGION.matcher(region).matches()) {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN,
                    "the aws-bedrock channel's options.region is not a region name",
                    null);
        }
        SigV4Signer.Credentials credentials = credentials(request.target().apiKey());
        String model = request.upstreamModel();
        if (model == null || model.isBlank()) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "no model id to send to aws-bedrock", null);
        }
        boolean anthropicClient = anthropicClient(request);
        byte[] body = anthropicClient
                ? AnthropicNativeAnswer.platformBody(mapper, request, ANTHROPIC_VERSION, false)
                : requestBody(request);
        URI uri;
        try {
            String base = baseUrl(request.target().baseUrl(), region);
            uri = anthropicClient
                    ? invokeUri(base, model, request.stream())
                    : converseUri(base, model, request.stream());
        } catch (IllegalArgumentException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN, "the aws-bedrock channel's base URL is invalid", e);
        }
        if (uri.getHost() == null) {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN, "the aws-bedrock channel's base URL has no host", null);
        }
        SigV4Signer.Signature signature = SigV4Signer.sign(
                "POST",
                uri,
                Map.of("content-type", "application/json"),
                body,
                credentials,
                region,
                SERVICE,
                clock.instant());

        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        // the channel's own extra headers first (unsigned), so that they can never replace the ones set below
        ChannelOptions.headers(options).forEach((name, value) -> {
            if (!name.toLowerCase(Locale.ROOT).startsWith("x-amz-")) {
                builder.setHeader(name, value);
            }
        });
        signature.headers().forEach(builder::setHeader);
        HttpRequest httpRequest = builder.setHeader("Content-Type", "application/json")
                .setHeader("Accept", request.stream() ? EVENT_STREAM : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Response(
                request,
                http.send(httpRequest, request),
                anthropicClient ? new AnthropicNativeAnswer(mapper, request) : null);
    }

    /** Replaces every http(s) image URL of the user's messages by the fetched image as a data: URL. */
    private void inlineImages(JsonNode chat) {
        Function<String, InlineImage> fetch = InlineImage.perRequest(imageFetcher);
        for (JsonNode message : chat.path("messages")) {
            for (JsonNode part : message.path("content")) {
                JsonNode imageUrl = part.path("image_url");
                String url = imageUrl.isTextual()
                        ? imageUrl.textValue()
                        : imageUrl.path("url").asText("");
                if (part instanceof ObjectNode o
                        && (url.regionMatches(true, 0, "http://", 0, 7)
                                || url.regionMatches(true, 0, "https://", 0, 8))) {
                    InlineImage image = fetch.apply(url);
                    o.putObject("image_url").put("url", "data:" + image.mimeType() + ";base64," + image.data());
                }
            }
        }
    }

    private byte[] requestBody(UpstreamChatRequest request) throws UpstreamException {
        try {
            JsonNode chat = mapper.readTree(request.clientBody());
            if (imageFetcher != null) {
                inlineImages(chat);
            }
            ObjectNode converse = BedrockConversion.toConverseRequest(mapper, chat, request.maxTokensOverride());
            return mapper.writeValueAsBytes(converse);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body is not JSON", e);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new UpstreamException(
                    UpstreamException.Kind.REFUSED,
                    BedrockConversion.INLINE_IMAGES_ONLY.equals(message)
                            ? message
                            : "the request cannot be sent to an aws-bedrock channel: " + message,
                    e);
        }
    }

    private final class Response extends UpstreamAnswer {
        private final AnthropicNativeAnswer anthropicAnswer;
        private EventStreamDecoder decoder;
        private BedrockStreamConverter converter;
        private boolean ended;
        private final ArrayDeque<StreamChunk> queued = new ArrayDeque<>();

        Response(
                UpstreamChatRequest request,
                HttpResponse<InputStream> response,
                AnthropicNativeAnswer anthropicAnswer) {
            super(http, settings, BedrockChatUpstream.this.mapper, request, response);
            this.anthropicAnswer = anthropicAnswer;
        }

        /** The answer's id: Bedrock's request id when it sent one, else the relay's. */
        private String id() {
            return "chatcmpl-"
                    + response.headers()
                            .firstValue("x-amzn-RequestId")
                            .orElse(request.requestId() == null ? "bedrock" : request.requestId());
        }

        @Override
        public boolean streaming() {
            return answeredAs(EVENT_STREAM);
        }

        /** A stream is handed on as server-sent events; anything else as the provider typed it. */
        @Override
        public String contentType() {
            return streaming() ? "text/event-stream" : super.contentType();
        }

        @Override
        public CompletedChat completed() throws UpstreamException {
            byte[] bytes = body.readAll("the answer could not be read");
            if (anthropicAnswer != null) {
                return anthropicAnswer.completed(bytes);
            }
            JsonNode root = parseObject(bytes, "the answer");
            ObjectNode chat = BedrockConversion.toChatCompletion(
                    mapper,
                    root,
                    id(),
                    request.requestedModel(),
                    clock.instant().getEpochSecond());
            String text = AnthropicConversion.generatedText(
                    chat.path("choices").path(0).path("message"));
            return new CompletedChat(
                    write(chat, "the answer could not be converted"), BedrockConversion.usage(root.get("usage")), text);
        }

        @Override
        public StreamChunk nextChunk() throws UpstreamException {
            if (anthropicAnswer != null) {
                return nextInvokeChunk();
            }
            if (converter == null) {
                converter = new BedrockStreamConverter(
                        mapper, id(), request.requestedModel(), clock.instant().getEpochSecond());
                decoder = new EventStreamDecoder(body);
            }
            while (queued.isEmpty()) {
                if (ended || converter.finished()) {
                    return null;
                }
                EventStreamDecoder.Message message = nextMessage();
                if (message == null) {
                    body.throwIfCutOff();
                    if (converter.stopped()) {
                        ended = true; // messageStop came, the metadata event did not: an end without usage
                        return null;
                    }
                    throw new UpstreamException(
                            UpstreamException.Kind.BROKEN, "the stream ended before messageStop", null);
                }
                queued.addAll(accept(message));
            }
            return queued.poll();
        }

        private EventStreamDecoder.Message nextMessage() throws UpstreamException {
            return body.armed(
                    decoder::next,
                    e -> e instanceof EventStreamDecoder.MalformedException
                            ? "the aws-bedrock event stream is malformed: " + e.getMessage()
                            : "the stream broke");
        }

        /**
         * The next Anthropic event of an {@code invoke-with-response-stream} answer: each {@code chunk} frame carries
         * one event, base64-encoded in its {@code bytes}, passed on as it came; null after {@code message_stop}.
         */
        private StreamChunk nextInvokeChunk() throws UpstreamException {
            if (decoder == null) {
                decoder = new EventStreamDecoder(body);
            }
            while (!anthropicAnswer.stopped()) {
                EventStreamDecoder.Message message = nextMessage();
                if (message == null) {
                    body.throwIfCutOff();
                    throw new UpstreamException(
                            UpstreamException.Kind.BROKEN, "the stream ended before message_stop", null);
                }
                JsonNode frame = payload(message);
                if (frame != null && "chunk".equals(message.header(":event-type"))) {
                    byte[] event;
                    try {
                        event = Base64.getDecoder().decode(frame.path("bytes").asText(""));
                    } catch (IllegalArgumentException e) {
                        throw new UpstreamException(
                                UpstreamException.Kind.BROKEN, "a stream chunk's bytes are not base64", e);
                    }
                    if (event.length > 0) {
                        return anthropicAnswer.event(event);
                    }
                }
            }
            return null;
        }

        private List<StreamChunk> accept(EventStreamDecoder.Message message) throws UpstreamException {
            JsonNode event = payload(message);
            return event == null ? List.of() : converter.accept(message.header(":event-type"), event);
        }

        /** An event frame's JSON payload; null for a frame that is no event; an exception or error frame throws. */
        private JsonNode payload(EventStreamDecoder.Message message) throws UpstreamException {
            String messageType = message.header(":message-type");
            if ("exception".equals(messageType)) {
                throw new UpstreamException(
                        UpstreamException.Kind.BROKEN,
                        "the aws-bedrock stream reported " + message.header(":exception-type")
                                + detail(message.payload()),
                        null);
            }
            if ("error".equals(messageType)) {
                throw new UpstreamException(
                        UpstreamException.Kind.BROKEN,
                        "the aws-bedrock stream reported the error " + message.header(":error-code") + ": "
                                + message.header(":error-message"),
                        null);
            }
            if (messageType != null && !"event".equals(messageType)) {
                return null;
            }
            JsonNode event;
            try {
                event = message.payload().length == 0 ? mapper.createObjectNode() : mapper.readTree(message.payload());
            } catch (IOException e) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "a stream event is not JSON", e);
            }
            if (event == null || !event.isObject()) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "a stream event is not a JSON object", null);
            }
            return event;
        }

        /** ": message" from an exception's JSON payload, or nothing. */
        private String detail(byte[] payload) {
            try {
                JsonNode node = mapper.readTree(payload);
                String text = node == null
                        ? ""
                        : node.path("message").asText(node.path("Message").asText(""));
                return text.isEmpty() ? "" : ": " + text;
            } catch (IOException e) {
                String text = new String(payload, StandardCharsets.UTF_8);
                return text.isBlank() ? "" : ": " + text.substring(0, Math.min(200, text.length()));
            }
        }

        @Override
        public byte[] nextBytes() throws UpstreamException {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN, "the aws-bedrock channel type serves chat completions only", null);
        }
    }
}
