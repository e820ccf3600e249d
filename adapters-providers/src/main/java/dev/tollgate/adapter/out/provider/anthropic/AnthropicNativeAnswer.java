package dev.tollgate.adapter.out.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.SseReader;
import dev.tollgate.adapter.out.provider.UpstreamHttp;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.Usage;
import java.io.IOException;

/**
 * An Anthropic client's request and answer in Anthropic's own Messages format, for every channel that serves Claude
 * that way: Anthropic itself, Vertex AI ({@code rawPredict} / {@code streamRawPredict}) and Bedrock ({@code invoke} /
 * {@code invoke-with-response-stream}). The body goes out with only the fields that must change, the answer and every
 * stream event come back as the provider sent them (the model name restored when it was mapped), so fields such as
 * {@code cache_control} and thinking blocks pass both ways untouched. One instance reads one answer.
 */
public final class AnthropicNativeAnswer {
    private final ObjectMapper mapper;
    private final UpstreamChatRequest request;
    private final boolean restoreModel;
    private long input;
    private long cached;
    private long written;
    private boolean stopped;
    private SseReader sse;

    public AnthropicNativeAnswer(ObjectMapper mapper, UpstreamChatRequest request) {
        this.mapper = mapper;
        this.request = request;
        this.restoreModel = !request.upstreamModel().equals(request.requestedModel());
    }

    /** Whether the client spoke Anthropic's protocol itself: its request goes out as is, its answer back as is. */
    public static boolean isNative(UpstreamChatRequest request) {
        return request.nativeRequest() != null
                && "anthropic".equals(request.nativeRequest().protocol());
    }

    /**
     * The client's own Messages request for Anthropic's API, byte for byte, unless the model must be mapped or the
     * output limit lowered to what the key can pay for (then only those fields change).
     */
    public static byte[] body(ObjectMapper mapper, UpstreamChatRequest request) throws UpstreamException {
        boolean mapped = !request.upstreamModel().equals(request.requestedModel());
        if (!mapped && request.maxTokensOverride() == null) {
            return request.nativeRequest().body();
        }
        ObjectNode root = tree(mapper, request);
        if (mapped) {
            root.put("model", request.upstreamModel());
        }
        return write(mapper, root, request);
    }

    /**
     * The client's own Messages request for a cloud platform that names the model in its URL: without
     * {@code model}, with the platform's {@code anthropic_version}, the output limit capped as for Anthropic, and
     * {@code stream} set as the relay decided when {@code streamFlag}, removed otherwise (Bedrock picks streaming by
     * its URL and refuses the field). Every other field is kept as the client sent it.
     */
    public static byte[] platformBody(
            ObjectMapper mapper, UpstreamChatRequest request, String anthropicVersion, boolean streamFlag)
            throws UpstreamException {
        ObjectNode root = tree(mapper, request);
        root.remove("model");
        root.remove("anthropic_version");
        ObjectNode body = mapper.createObjectNode().put("anthropic_version", anthropicVersion);
        body.setAll(root);
        if (streamFlag && request.stream()) {
            body.put("stream", true);
        } else {
            body.remove("stream");
        }
        return write(mapper, body, request);
    }

    private static ObjectNode tree(ObjectMapper mapper, UpstreamChatRequest request) throws UpstreamException {
        JsonNode root;
        try {
            root = mapper.readTree(request.nativeRequest().body());
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body could not be rewritten", e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the request body is not a JSON object", null);
        }
        Long cap = request.maxTokensOverride();
        if (cap != null && object.path("max_tokens").asLong(Long.MAX_VALUE) > cap) {
            object.put("max_tokens", cap);
        }
        return object;
    }

    private static byte[] write(ObjectMapper mapper, ObjectNode root, UpstreamChatRequest request)
            throws UpstreamException {
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN,
                    "the request for channel " + request.target().channelId() + " could not be written",
                    e);
        }
    }

    /** The whole Message as the provider sent it (the model name restored when it was mapped). */
    public CompletedChat completed(byte[] bytes) throws UpstreamException {
        JsonNode parsed;
        try {
            parsed = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer is not JSON", e);
        }
        if (!(parsed instanceof ObjectNode root)) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "the answer is not a JSON object", null);
        }
        byte[] out = bytes;
        if (restoreModel && root.has("model")) {
            root.put("model", request.requestedModel());
            out = rewritten(root, "the answer could not be rewritten");
        }
        JsonNode message = AnthropicConversion.toChatCompletion(mapper, root, request.requestedModel(), 0)
                .path("choices")
                .path(0)
                .path("message");
        return new CompletedChat(
                out,
                AnthropicConversion.usage(root.get("usage")),
                AnthropicConversion.generatedText(message),
                "application/json",
                0,
                0,
                true);
    }

    /** Whether {@code message_stop} came: the stream is complete. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * The next event of a server-sent-events answer (Anthropic's and Vertex's streams), null after
     * {@code message_stop}; a stream that ends before it is broken.
     */
    public StreamChunk nextSseChunk(UpstreamHttp.WatchedBody body) throws UpstreamException {
        if (sse == null) {
            sse = new SseReader(body);
        }
        while (!stopped) {
            byte[] data = body.armed(sse::next, "the stream broke");
            if (data == null) {
                body.throwIfCutOff();
                throw new UpstreamException(
                        UpstreamException.Kind.BROKEN, "the stream ended before message_stop", null);
            }
            if (data.length > 0) {
                return event(data);
            }
        }
        return null;
    }

    /**
     * One stream event (its JSON data) as the provider sent it, named by its type, with the usage on
     * {@code message_delta} (the input counted from {@code message_start}, cache reads and writes included) and the
     * text it adds; an {@code error} event is a broken stream.
     */
    public StreamChunk event(byte[] data) throws UpstreamException {
        JsonNode event;
        try {
            event = mapper.readTree(data);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "a stream event is not JSON", e);
        }
        if (event == null || !event.isObject()) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "a stream event is not a JSON object", null);
        }
        String type = event.path("type").asText("");
        Usage usage = null;
        String text = "";
        byte[] out = data;
        switch (type) {
            case "error" ->
                throw new UpstreamException(
                        UpstreamException.Kind.BROKEN,
                        "the provider reported "
                                + event.path("error").path("type").asText("an error"),
                        null);
            case "message_start" -> {
                JsonNode u = event.path("message").path("usage");
                cached = u.path("cache_read_input_tokens").asLong(0);
                written = u.path("cache_creation_input_tokens").asLong(0);
                input = u.path("input_tokens").asLong(0) + cached + written;
                if (restoreModel && event.path("message") instanceof ObjectNode message && message.has("model")) {
                    message.put("model", request.requestedModel());
                    out = rewritten(event, "an event could not be rewritten");
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
                        input, event.path("usage").path("output_tokens").asLong(0), cached, 0, 0, written);
            case "message_stop" -> stopped = true;
            default -> {}
        }
        return new StreamChunk(out, usage, false, text, type);
    }

    private byte[] rewritten(JsonNode node, String failure) throws UpstreamException {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, failure, e);
        }
    }
}
