package dev.tollgate.adapter.out.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI {@code chat.completion} of one choice, assembled block by block from an answer whose content is a list of
 * blocks (Anthropic's Messages, Bedrock's Converse): the texts joined into {@code content} (null when there is none),
 * the reasoning into {@code reasoning_content}, the tool calls into {@code tool_calls}.
 */
public final class OneChoiceCompletion {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final ArrayNode calls;
    private final ObjectMapper mapper;
    private boolean anyText;

    public OneChoiceCompletion(ObjectMapper mapper) {
        this.mapper = mapper;
        this.calls = mapper.createArrayNode();
    }

    /** Appends a text block (an empty one still makes {@code content} a string). */
    public void text(String block) {
        text.append(block);
        anyText = true;
    }

    /** Appends reasoning (thinking) text. */
    public void reasoning(String block) {
        reasoning.append(block);
    }

    /** Adds a tool call; its input object is sent as the arguments string ({@code {}} when there is none). */
    public void toolCall(String id, String name, JsonNode input) {
        ObjectNode call = calls.addObject();
        call.put("id", id);
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", name);
        function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
    }

    /**
     * The answer.
     *
     * @param finishReason OpenAI's finish reason, null when the answer has none
     * @param usage        OpenAI's usage object, null to leave it out
     */
    public ObjectNode build(String id, String model, long created, String finishReason, ObjectNode usage) {
        ObjectNode out = mapper.createObjectNode();
        out.put("id", id);
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message");
        m.put("role", "assistant");
        if (anyText) {
            m.put("content", text.toString());
        } else {
            m.putNull("content");
        }
        if (!reasoning.isEmpty()) {
            m.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            m.set("tool_calls", calls);
        }
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (usage != null) {
            out.set("usage", usage);
        }
        return out;
    }
}
