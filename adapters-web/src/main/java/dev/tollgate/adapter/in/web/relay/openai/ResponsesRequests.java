package dev.tollgate.adapter.in.web.relay.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.RelayRequestParser;
import java.util.Set;

/**
 * The request side of the Responses API: its input as a list of items (a string is one user message), a stored
 * conversation prepended for {@code previous_response_id}, and the conversion of a Responses request into a chat
 * completion for channels of other protocols (Claude, Gemini, Vertex, Bedrock): instructions become the system
 * message, input items messages (text and images), {@code function_call} / {@code function_call_output} items tool
 * calls and tool messages, function tools chat tools, {@code text.format} a {@code response_format}.
 */
public final class ResponsesRequests {
    /** Request fields a chat completion takes under the same name. */
    private static final Set<String> SAME_NAME = Set.of("temperature", "top_p", "parallel_tool_calls", "user");

    private final ObjectMapper mapper;

    public ResponsesRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The request's {@code input} as items (a string becomes one user message). */
    public ArrayNode inputItems(JsonNode request) {
        JsonNode input = request.path("input");
        ArrayNode items = mapper.createArrayNode();
        if (input.isTextual()) {
            ObjectNode message = items.addObject().put("type", "message").put("role", "user");
            message.putArray("content").addObject().put("type", "input_text").put("text", input.textValue());
        } else if (input.isArray()) {
            input.forEach(items::add);
        }
        return items;
    }

    /**
     * The items a continued conversation starts with: the previous response's input items, then its output items
     * (messages, function calls and reasoning, as OpenAI's stateless conversations pass them back).
     */
    public ArrayNode conversation(String previousInputItems, String previousBody) {
        ArrayNode items = mapper.createArrayNode();
        try {
            mapper.readTree(previousInputItems).forEach(items::add);
            if (previousBody != null) {
                for (JsonNode item : mapper.readTree(previousBody).path("output")) {
                    items.add(item);
                }
            }
        } catch (JsonProcessingException e) {
            throw RelayRequestParser.invalid("the previous response could not be read", "previous_response_id");
        }
        return items;
    }

    /**
     * The chat completion for channels of other protocols, or null when the request uses what they cannot do
     * (built-in tools such as web search or file search): those channels then refuse it.
     */
    public ObjectNode toChat(ObjectNode request, ArrayNode items) {
        ObjectNode chat = mapper.createObjectNode();
        chat.put("model", request.path("model").asText());
        ArrayNode messages = chat.putArray("messages");
        if (request.path("instructions").isTextual()) {
            messages.addObject()
                    .put("role", "system")
                    .put("content", request.path("instructions").textValue());
        }
        for (JsonNode item : items) {
            if (!addItem(messages, item)) {
                return null;
            }
        }
        for (String field : SAME_NAME) {
            if (request.has(field) && !request.get(field).isNull()) {
                chat.set(field, request.get(field));
            }
        }
        if (request.path("max_output_tokens").isIntegralNumber()) {
            chat.put("max_tokens", request.path("max_output_tokens").longValue());
        }
        if (request.path("reasoning").path("effort").isTextual()) {
            chat.put(
                    "reasoning_effort", request.path("reasoning").path("effort").textValue());
        }
        if (request.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        if (request.has("tools") && !tools(request.path("tools"), chat)) {
            return null;
        }
        JsonNode toolChoice = request.path("tool_choice");
        if (toolChoice.isTextual()) {
            chat.put("tool_choice", toolChoice.textValue());
        } else if (toolChoice.isObject()
                && "function".equals(toolChoice.path("type").asText())) {
            chat.putObject("tool_choice")
                    .put("type", "function")
                    .putObject("function")
                    .put("name", toolChoice.path("name").asText());
        }
        JsonNode format = request.path("text").path("format");
        if ("json_schema".equals(format.path("type").asText())) {
            ObjectNode schema =
                    chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            schema.put("name", format.path("name").asText("response"));
            schema.set("schema", format.path("schema"));
            if (format.has("strict")) {
                schema.set("strict", format.get("strict"));
            }
        } else if ("json_object".equals(format.path("type").asText())) {
            chat.putObject("response_format").put("type", "json_object");
        }
        return chat;
    }

    private static boolean tools(JsonNode tools, ObjectNode chat) {
        ArrayNode out = chat.putArray("tools");
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asText())) {
                return false;
            }
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", tool.path("name").asText());
            if (tool.path("description").isTextual()) {
                function.put("description", tool.path("description").textValue());
            }
            if (tool.has("parameters")) {
                function.set("parameters", tool.get("parameters"));
            }
            if (tool.has("strict") && !tool.get("strict").isNull()) {
                function.set("strict", tool.get("strict"));
            }
        }
        return true;
    }

    /** One input item as chat messages; false when it cannot be converted. */
    private boolean addItem(ArrayNode messages, JsonNode item) {
        String type = item.path("type").asText("message");
        switch (type) {
            case "message" -> {
                String role = item.path("role").asText("user");
                ObjectNode message = messages.addObject().put("role", "developer".equals(role) ? "system" : role);
                JsonNode content = item.path("content");
                if (content.isTextual()) {
                    message.put("content", content.textValue());
                } else if ("assistant".equals(role)) {
                    message.put("content", text(content));
                } else {
                    ArrayNode parts = message.putArray("content");
                    for (JsonNode part : content) {
                        if (!addPart(parts, part)) {
                            return false;
                        }
                    }
                }
                return true;
            }
            case "function_call" -> {
                ObjectNode assistant = assistantWithToolCalls(messages);
                ArrayNode calls = assistant.has("tool_calls")
                        ? (ArrayNode) assistant.get("tool_calls")
                        : assistant.putArray("tool_calls");
                ObjectNode call = calls.addObject()
                        .put("id", item.path("call_id").asText())
                        .put("type", "function");
                call.putObject("function")
                        .put("name", item.path("name").asText())
                        .put("arguments", item.path("arguments").asText("{}"));
                return true;
            }
            case "function_call_output" -> {
                JsonNode output = item.path("output");
                messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", item.path("call_id").asText())
                        .put("content", output.isTextual() ? output.textValue() : text(output));
                return true;
            }
            case "reasoning" -> {
                return true; // another model's reasoning: not part of what the next one reads
            }
            default -> {
                return false;
            }
        }
    }

    /** The last message when it is an assistant message with tool calls (consecutive calls go together), else new. */
    private static ObjectNode assistantWithToolCalls(ArrayNode messages) {
        if (!messages.isEmpty()) {
            JsonNode last = messages.get(messages.size() - 1);
            if ("assistant".equals(last.path("role").asText()) && last.has("tool_calls")) {
                return (ObjectNode) last;
            }
        }
        ObjectNode message = messages.addObject().put("role", "assistant");
        message.putNull("content");
        return message;
    }

    private static boolean addPart(ArrayNode parts, JsonNode part) {
        switch (part.path("type").asText()) {
            case "input_text", "output_text", "text" -> {
                parts.addObject()
                        .put("type", "text")
                        .put("text", part.path("text").asText());
                return true;
            }
            case "input_image" -> {
                if (!part.path("image_url").isTextual()) {
                    return false; // a file id: only OpenAI has the file
                }
                ObjectNode image = parts.addObject().put("type", "image_url").putObject("image_url");
                image.put("url", part.path("image_url").textValue());
                if (part.path("detail").isTextual()) {
                    image.put("detail", part.path("detail").textValue());
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The text parts of a content array, joined. */
    private static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                text.append(part.path("text").textValue());
            }
        }
        return text.toString();
    }
}
