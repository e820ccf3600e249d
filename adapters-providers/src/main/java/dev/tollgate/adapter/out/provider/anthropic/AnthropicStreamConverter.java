package dev.tollgate.adapter.out.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ChatChunks;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the events of one Anthropic Messages stream into OpenAI {@code chat.completion.chunk} objects, one event at
 * a time (stateful: one instance per stream).
 *
 * <ul>
 *   <li>{@code message_start} → a chunk with {@code delta.role = assistant} (and the input usage is kept);</li>
 *   <li>{@code content_block_start} of a {@code tool_use} → a {@code tool_calls} delta with the call's id, name and
 *       empty arguments, at an index counting tool calls from 0 in order of appearance; a text or thinking block
 *       that starts with text → a content or reasoning delta;</li>
 *   <li>{@code content_block_delta}: {@code text_delta} → {@code content}, {@code thinking_delta} →
 *       {@code reasoning_content}, {@code input_json_delta} → the arguments of the block's tool call (an empty
 *       fragment is skipped); {@code signature_delta} and {@code citations_delta} → nothing;</li>
 *   <li>{@code message_delta} → a chunk with the mapped {@code finish_reason} (its usage is kept: the output count
 *       is cumulative);</li>
 *   <li>{@code message_stop} → a usage-only chunk ({@code choices: []}), after which the stream is finished;</li>
 *   <li>{@code ping}, {@code content_block_stop} and unknown events → nothing; {@code error} → an exception.</li>
 * </ul>
 */
public final class AnthropicStreamConverter {
    private final ObjectMapper mapper;
    private final ChatChunks chunks;
    private String id = "";
    /** The tool-call index of each tool_use content block, by the block's index. */
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();

    private int nextToolIndex;
    private long inputTokens;
    private long cacheCreationTokens;
    private long cacheReadTokens;
    private long outputTokens;
    private boolean started;
    private boolean finished;

    public AnthropicStreamConverter(ObjectMapper mapper, String requestedModel, long created) {
        this.mapper = mapper;
        this.chunks = new ChatChunks(mapper, requestedModel, created);
    }

    /** Whether {@code message_stop} was seen. */
    public boolean finished() {
        return finished;
    }

    /** Whether {@code message_start} was seen. */
    public boolean started() {
        return started;
    }

    /**
     * The chunks for one event's data (its JSON {@code type} names the event).
     *
     * @throws UpstreamException (BROKEN) for an {@code error} event or data that is not a JSON object
     */
    public List<StreamChunk> accept(byte[] data) throws UpstreamException {
        JsonNode event;
        try {
            event = mapper.readTree(data);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "a stream event is not JSON", e);
        }
        if (event == null || !event.isObject()) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "a stream event is not a JSON object", null);
        }
        return accept(event);
    }

    /** The chunks for one parsed event. */
    public List<StreamChunk> accept(JsonNode event) throws UpstreamException {
        List<StreamChunk> out = new ArrayList<>(1);
        switch (event.path("type").asText("")) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = message.path("id").asText("");
                readUsage(message.path("usage"));
                started = true;
                ObjectNode chunk = chunks.chunk(id);
                ObjectNode delta = ChatChunks.delta(chunk);
                delta.put("role", "assistant");
                delta.put("content", "");
                out.add(chunks.emit(chunk, ""));
            }
            case "content_block_start" -> {
                int index = event.path("index").asInt();
                JsonNode block = event.path("content_block");
                switch (block.path("type").asText("")) {
                    case "tool_use" -> {
                        int toolIndex = nextToolIndex++;
                        toolIndexByBlock.put(index, toolIndex);
                        chunks.toolCallStart(
                                out,
                                id,
                                toolIndex,
                                block.path("id").asText(),
                                block.path("name").asText());
                    }
                    case "text" ->
                        chunks.text(out, id, "content", block.path("text").asText(""));
                    case "thinking" ->
                        chunks.text(
                                out,
                                id,
                                "reasoning_content",
                                block.path("thinking").asText(""));
                    default -> {
                        // redacted_thinking, server tool blocks: nothing an OpenAI client can read
                    }
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                switch (delta.path("type").asText("")) {
                    case "text_delta" ->
                        chunks.text(out, id, "content", delta.path("text").asText(""));
                    case "thinking_delta" ->
                        chunks.text(
                                out,
                                id,
                                "reasoning_content",
                                delta.path("thinking").asText(""));
                    case "input_json_delta" -> {
                        Integer toolIndex =
                                toolIndexByBlock.get(event.path("index").asInt());
                        String partial = delta.path("partial_json").asText("");
                        if (toolIndex != null && !partial.isEmpty()) {
                            chunks.toolArguments(out, id, toolIndex, partial);
                        }
                    }
                    default -> {
                        // signature_delta, citations_delta
                    }
                }
            }
            case "message_delta" -> {
                readUsage(event.path("usage"));
                JsonNode stopReason = event.path("delta").path("stop_reason");
                if (stopReason.isTextual()) {
                    ObjectNode chunk = chunks.chunk(id);
                    ChatChunks.delta(chunk);
                    ((ObjectNode) chunk.get("choices").get(0))
                            .put("finish_reason", AnthropicConversion.finishReason(stopReason.textValue()));
                    out.add(chunks.emit(chunk, ""));
                }
            }
            case "message_stop" -> {
                finished = true;
                Usage usage = usage();
                ObjectNode chunk = chunks.header(id);
                chunk.putArray("choices");
                chunk.set("usage", AnthropicConversion.openAiUsage(mapper, usage));
                out.add(new StreamChunk(chunks.bytes(chunk), usage, true, ""));
            }
            case "error" -> {
                JsonNode error = event.path("error");
                throw new UpstreamException(
                        UpstreamException.Kind.BROKEN,
                        "the anthropic stream reported an error: "
                                + error.path("type").asText("error") + ": "
                                + error.path("message").asText(""),
                        null);
            }
            default -> {
                // ping, content_block_stop, and event types added later
            }
        }
        return out;
    }

    /** The usage reported so far: input from message_start (or a later message_delta), output from message_delta. */
    public Usage usage() {
        return new Usage(
                inputTokens + cacheCreationTokens + cacheReadTokens,
                outputTokens,
                cacheReadTokens,
                0,
                0,
                cacheCreationTokens);
    }

    private void readUsage(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        if (usage.path("input_tokens").isNumber()) {
            inputTokens = usage.get("input_tokens").asLong();
        }
        if (usage.path("cache_creation_input_tokens").isNumber()) {
            cacheCreationTokens = usage.get("cache_creation_input_tokens").asLong();
        }
        if (usage.path("cache_read_input_tokens").isNumber()) {
            cacheReadTokens = usage.get("cache_read_input_tokens").asLong();
        }
        if (usage.path("output_tokens").isNumber()) {
            outputTokens = usage.get("output_tokens").asLong();
        }
    }
}
