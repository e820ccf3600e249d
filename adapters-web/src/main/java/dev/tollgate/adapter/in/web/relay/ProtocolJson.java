package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What the converters of the other inbound protocols (Anthropic's Messages, Gemini's generateContent) do alike when
 * they turn a request into a chat completion request and a chat completion back into their own answer.
 */
public final class ProtocolJson {
    private ProtocolJson() {}

    /** The {@code text} of each block (or part) that has one, joined by a line break; empty when none has. */
    public static String joinedText(JsonNode blocks) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : blocks) {
            if (block.path("text").isTextual()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(block.get("text").asText());
            }
        }
        return text.toString();
    }

    /** Sets {@code as} of {@code to} to {@code field} of {@code from} when it is there and not null. */
    public static void copyPresent(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(as, v);
        }
    }

    /** A tool call's arguments string as an object: an empty one when it is blank, not JSON or not an object. */
    public static JsonNode argumentsObject(ObjectMapper mapper, String json) {
        try {
            JsonNode node = mapper.readTree(json == null || json.isBlank() ? "{}" : json);
            return node != null && node.isObject() ? node : mapper.createObjectNode();
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    /** Adds an OpenAI tool call; its arguments are {@code arguments} as JSON text, {@code {}} when there are none. */
    public static void addToolCall(ArrayNode calls, String id, String name, JsonNode arguments) {
        calls.addObject()
                .put("id", id)
                .put("type", "function")
                .putObject("function")
                .put("name", name)
                .put("arguments", arguments == null ? "{}" : arguments.toString());
    }

    /** An assistant message's {@code content} (null when there is no text) and its {@code tool_calls}, if any. */
    public static void assistantContent(ObjectNode message, CharSequence text, ArrayNode calls) {
        if (!text.isEmpty()) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    /** Adds a function tool {@code {"type":"function","function":{name, description}}}; answers its function. */
    public static ObjectNode addFunctionTool(ArrayNode tools, String name, JsonNode description) {
        ObjectNode f = tools.addObject().put("type", "function").putObject("function");
        f.put("name", name);
        if (description != null && description.isTextual()) {
            f.put("description", description.asText());
        }
        return f;
    }
}
