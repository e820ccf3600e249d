package dev.tollgate.adapter.in.web.relay.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.ForwardingRelaySink;
import dev.tollgate.application.relay.port.in.RelaySink;
import java.io.IOException;

/**
 * Writes the relay's OpenAI-shaped answer as Anthropic's: a complete chat completion as a Message, and a stream of
 * chat completion chunks as Anthropic's events — {@code message_start}, one {@code content_block_start} /
 * {@code content_block_delta}… / {@code content_block_stop} per text, thinking or tool_use block (tool-call argument
 * deltas become {@code input_json_delta}s of the block of their tool-call index), then {@code message_delta} with the
 * stop reason and usage, and {@code message_stop}. An error after the stream started becomes an {@code error} event.
 */
public final class AnthropicSink extends ForwardingRelaySink {
    private enum Block {
        NONE,
        TEXT,
        THINKING,
        TOOL
    }

    private final AnthropicMessages messages;
    private final ObjectMapper mapper;
    private final String model;
    private boolean started;
    private boolean ended;
    /** An anthropic channel answered in the client's own protocol: its events pass through unchanged. */
    private boolean passthrough;

    private int blockIndex = -1;
    private Block block = Block.NONE;
    private int toolCallIndex = -1;
    private String stopReason;
    private long inputTokens;
    private long outputTokens;
    private String id = "msg_tollgate";

    public AnthropicSink(RelaySink out, AnthropicMessages messages, ObjectMapper mapper, String model) {
        super(out);
        this.messages = messages;
        this.mapper = mapper;
        this.model = model;
    }

    @Override
    public void sendJson(int status, byte[] body) {
        out.sendJson(status, status == 200 ? messages.toMessage(body, model) : body);
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        passthrough = true;
        out.sendNamedEvent(event, data);
    }

    @Override
    public void sendEvent(byte[] data) {
        JsonNode chunk;
        try {
            chunk = mapper.readTree(data);
        } catch (IOException e) {
            return;
        }
        if (chunk.has("error")) {
            ObjectNode error = mapper.createObjectNode().put("type", "error");
            error.putObject("error")
                    .put("type", "api_error")
                    .put("message", chunk.path("error").path("message").asText("the upstream failed"));
            emit("error", error);
            ended = true;
            return;
        }
        if (!started) {
            start(chunk);
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            inputTokens = usage.path("prompt_tokens").asLong(inputTokens);
            outputTokens = usage.path("completion_tokens").asLong(outputTokens);
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // Anthropic has one answer per message
            }
            JsonNode delta = choice.path("delta");
            if (delta.path("reasoning_content").isTextual()
                    && !delta.path("reasoning_content").asText().isEmpty()) {
                open(Block.THINKING, -1, null);
                delta(
                        "thinking_delta",
                        "thinking",
                        delta.path("reasoning_content").asText());
            }
            if (delta.path("content").isTextual()
                    && !delta.path("content").asText().isEmpty()) {
                open(Block.TEXT, -1, null);
                delta("text_delta", "text", delta.path("content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt(0);
                if (block != Block.TOOL || toolCallIndex != index) {
                    open(Block.TOOL, index, call);
                }
                String arguments = call.path("function").path("arguments").asText("");
                if (!arguments.isEmpty()) {
                    delta("input_json_delta", "partial_json", arguments);
                }
            }
            if (choice.path("finish_reason").isTextual()) {
                stopReason = AnthropicMessages.stopReason(
                        choice.path("finish_reason").asText());
            }
        }
    }

    @Override
    public void sendDone() {
        if (ended || passthrough) {
            return;
        }
        if (!started) {
            start(mapper.createObjectNode());
        }
        close();
        ObjectNode messageDelta = mapper.createObjectNode().put("type", "message_delta");
        messageDelta
                .putObject("delta")
                .put("stop_reason", stopReason == null ? "end_turn" : stopReason)
                .putNull("stop_sequence");
        messageDelta
                .putObject("usage")
                .put("input_tokens", inputTokens)
                .put("output_tokens", outputTokens)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0);
        emit("message_delta", messageDelta);
        emit("message_stop", mapper.createObjectNode().put("type", "message_stop"));
        ended = true;
    }

    private void start(JsonNode firstChunk) {
        started = true;
        if (firstChunk.path("id").isTextual()) {
            id = AnthropicMessages.messageId(firstChunk.path("id").asText());
        }
        ObjectNode event = mapper.createObjectNode().put("type", "message_start");
        ObjectNode message = event.putObject("message");
        message.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage")
                .put("input_tokens", 0)
                .put("output_tokens", 0)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0);
        emit("message_start", event);
    }

    /** Closes the open block (if another kind, or another tool call) and opens one of this kind. */
    private void open(Block kind, int toolIndex, JsonNode call) {
        if (block == kind && (kind != Block.TOOL || toolCallIndex == toolIndex)) {
            return;
        }
        close();
        block = kind;
        blockIndex++;
        ObjectNode event =
                mapper.createObjectNode().put("type", "content_block_start").put("index", blockIndex);
        ObjectNode content = event.putObject("content_block");
        switch (kind) {
            case TEXT -> content.put("type", "text").put("text", "");
            case THINKING -> content.put("type", "thinking").put("thinking", "").put("signature", "");
            case TOOL -> {
                toolCallIndex = toolIndex;
                content.put("type", "tool_use")
                        .put("id", call.path("id").asText("toolu_" + toolIndex))
                        .put("name", call.path("function").path("name").asText(""));
                content.putObject("input");
            }
            default -> {}
        }
        emit("content_block_start", event);
    }

    private void delta(String type, String field, String value) {
        ObjectNode event =
                mapper.createObjectNode().put("type", "content_block_delta").put("index", blockIndex);
        event.putObject("delta").put("type", type).put(field, value);
        emit("content_block_delta", event);
    }

    private void close() {
        if (block != Block.NONE) {
            emit(
                    "content_block_stop",
                    mapper.createObjectNode().put("type", "content_block_stop").put("index", blockIndex));
            block = Block.NONE;
            toolCallIndex = -1;
        }
    }

    private void emit(String event, ObjectNode data) {
        try {
            out.sendNamedEvent(event, mapper.writeValueAsBytes(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
