package dev.tollgate.adapter.out.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ChatChunks;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicConversion;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.Usage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the events of one ConverseStream answer into OpenAI {@code chat.completion.chunk} objects (stateful: one
 * instance per stream). An event is named by its {@code :event-type} header; its payload is the event's JSON.
 *
 * <ul>
 *   <li>{@code messageStart} → a chunk with {@code delta.role = assistant} (sent before any content in any case);</li>
 *   <li>{@code contentBlockStart} with {@code start.toolUse} → a {@code tool_calls} delta with the call's id, name
 *       and empty arguments, at an index counting tool calls from 0 in order of appearance;</li>
 *   <li>{@code contentBlockDelta}: {@code delta.text} → {@code content}, {@code delta.reasoningContent.text} →
 *       {@code reasoning_content}, {@code delta.toolUse.input} (a piece of the input's JSON text) → the arguments of
 *       the block's tool call; empty pieces are skipped;</li>
 *   <li>{@code messageStop} → a chunk with the mapped {@code finish_reason};</li>
 *   <li>{@code metadata} → a usage-only chunk ({@code choices: []}), after which the stream is finished;</li>
 *   <li>{@code contentBlockStop} and unknown events → nothing.</li>
 * </ul>
 */
final class BedrockStreamConverter {
    private final ObjectMapper mapper;
    private final String id;
    private final ChatChunks chunks;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private int nextToolIndex;
    private boolean started;
    private boolean stopped;
    private boolean finished;
    private Usage usage;

    BedrockStreamConverter(ObjectMapper mapper, String id, String requestedModel, long created) {
        this.mapper = mapper;
        this.id = id;
        this.chunks = new ChatChunks(mapper, requestedModel, created);
    }

    /** Whether {@code metadata} (the last event) was seen. */
    boolean finished() {
        return finished;
    }

    /** Whether {@code messageStop} was seen. */
    boolean stopped() {
        return stopped;
    }

    /** The usage reported by {@code metadata}, or null. */
    Usage usage() {
        return usage;
    }

    /** The chunks for one event. */
    List<StreamChunk> accept(String eventType, JsonNode event) throws UpstreamException {
        List<StreamChunk> out = new ArrayList<>(2);
        switch (eventType == null ? "" : eventType) {
            case "messageStart" -> start(out);
            case "contentBlockStart" -> {
                JsonNode toolUse = event.path("start").path("toolUse");
                if (toolUse.isObject()) {
                    start(out);
                    int toolIndex = nextToolIndex++;
                    toolIndexByBlock.put(event.path("contentBlockIndex").asInt(), toolIndex);
                    String callId = toolUse.path("toolUseId").asText();
                    chunks.toolCallStart(
                            out, id, toolIndex, callId, toolUse.path("name").asText());
                }
            }
            case "contentBlockDelta" -> {
                JsonNode delta = event.path("delta");
                if (delta.path("text").isTextual()) {
                    chunks.text(out, id, "content", delta.get("text").textValue());
                } else if (delta.path("reasoningContent").path("text").isTextual()) {
                    chunks.text(
                            out,
                            id,
                            "reasoning_content",
                            delta.get("reasoningContent").get("text").textValue());
                } else if (delta.path("toolUse").isObject()) {
                    String piece = delta.get("toolUse").path("input").asText("");
                    if (!piece.isEmpty()) {
                        start(out);
                        int block = event.path("contentBlockIndex").asInt();
                        Integer toolIndex = toolIndexByBlock.computeIfAbsent(block, b -> nextToolIndex++);
                        chunks.toolArguments(out, id, toolIndex, piece);
                    }
                }
            }
            case "messageStop" -> {
                start(out);
                stopped = true;
                ObjectNode chunk = chunks.chunk(id);
                JsonNode reason = event.path("stopReason");
                String finish = BedrockConversion.finishReason(reason.isTextual() ? reason.textValue() : "end_turn");
                ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason", finish);
                out.add(chunks.emit(chunk, ""));
            }
            case "metadata" -> {
                finished = true;
                usage = BedrockConversion.usage(event.get("usage"));
                if (usage != null) {
                    ObjectNode chunk = chunks.header(id);
                    chunk.putArray("choices");
                    chunk.set("usage", AnthropicConversion.openAiUsage(mapper, usage));
                    out.add(new StreamChunk(chunks.bytes(chunk), usage, true, ""));
                }
            }
            default -> {
                // contentBlockStop and event types added later
            }
        }
        return out;
    }

    private void start(List<StreamChunk> out) throws UpstreamException {
        if (started) {
            return;
        }
        started = true;
        ObjectNode chunk = chunks.chunk(id);
        ObjectNode delta = ChatChunks.delta(chunk);
        delta.put("role", "assistant");
        delta.put("content", "");
        out.add(chunks.emit(chunk, ""));
    }
}
