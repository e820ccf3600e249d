package dev.tollgate.adapter.out.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading parts of an OpenAI chat request, the same for every protocol it is converted to (Anthropic's Messages,
 * Bedrock's Converse): the turns of alternating roles, a tool call's arguments as an object, a message's text, a
 * number copied under another name, an image part's URL and base64 data, the function tools.
 */
public final class ChatParts {
    private ChatParts() {}

    /** A tool call's arguments (a JSON string, or already an object) as an object; refused when they are not one. */
    public static JsonNode toolArguments(ObjectMapper mapper, JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return mapper.createObjectNode();
        }
        if (arguments.isObject()) {
            return arguments.deepCopy();
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return mapper.createObjectNode();
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a tool call's arguments are not JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("a tool call's arguments are not a JSON object");
        }
        return parsed;
    }

    /** A message's content as text: a string as it is, the text parts of an array joined by a blank line. */
    public static String joinedText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.isTextual()) {
                texts.add(part.textValue());
            } else if (part.path("text").isTextual()) {
                texts.add(part.get("text").textValue());
            }
        }
        return String.join("\n\n", texts);
    }

    /** A message of the converted conversation: its role and its content blocks. */
    public record Turn(String role, List<JsonNode> blocks) {}

    /** Appends blocks to the last turn when it has the same role, else starts a new turn; empty turns are skipped. */
    public static void addTurn(List<Turn> turns, String role, List<JsonNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            turns.getLast().blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    /**
     * The output limit to send: the override when there is one, else the client's {@code max_completion_tokens} or
     * {@code max_tokens}, else {@code fallback} (the target protocol requires one).
     */
    public static long maxTokens(JsonNode chat, Long override, long fallback) {
        if (override != null) {
            return override;
        }
        if (chat.path("max_completion_tokens").isNumber()) {
            return chat.get("max_completion_tokens").asLong();
        }
        return chat.path("max_tokens").isNumber() ? chat.get("max_tokens").asLong() : fallback;
    }

    /** The client's {@code stop} (a string or an array of them) as the array {@code as} of {@code to}. */
    public static void copyStop(JsonNode chat, ObjectNode to, String as) {
        JsonNode stop = chat.get("stop");
        if (stop != null && stop.isTextual()) {
            to.putArray(as).add(stop.textValue());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            ArrayNode sequences = to.putArray(as);
            stop.forEach(s -> sequences.add(s.asText()));
        }
    }

    /** Copies {@code field} of {@code from} to {@code to} as {@code as}, when it is a number. */
    public static void copyNumber(JsonNode from, ObjectNode to, String field, String as) {
        JsonNode value = from.get(field);
        if (value != null && value.isNumber()) {
            to.set(as, value.deepCopy());
        }
    }

    /** The URL of an {@code image_url} part (a string, or an object with {@code url}); empty when there is none. */
    public static String imageUrl(JsonNode part) {
        JsonNode imageUrl = part.get("image_url");
        if (imageUrl == null) {
            return "";
        }
        return imageUrl.isTextual()
                ? imageUrl.textValue()
                : imageUrl.path("url").asText("");
    }

    /** The media type (without parameters) and base64 data of a {@code data:} URL. */
    public record Base64Image(String mediaType, String data) {}

    /**
     * The media type and data of {@code url}, a {@code data:} URL.
     *
     * @throws IllegalArgumentException when the data is not base64-encoded
     */
    public static Base64Image base64Image(String url) {
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !meta.endsWith(";base64")) {
            throw new IllegalArgumentException("an image data URL must be base64-encoded");
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        int parameter = mediaType.indexOf(';');
        if (parameter >= 0) {
            mediaType = mediaType.substring(0, parameter);
        }
        return new Base64Image(mediaType, url.substring(comma + 1));
    }

    /**
     * A function tool of the request.
     *
     * @param description its description, null when it is not a string
     * @param schema      a copy of its {@code parameters}, or an empty object schema when it has none
     */
    public record FunctionTool(String name, String description, ObjectNode schema) {}

    /** The request's tools of type {@code function} (a tool without a type is one), in order. */
    public static List<FunctionTool> functionTools(ObjectMapper mapper, JsonNode chat) {
        List<FunctionTool> functions = new ArrayList<>();
        JsonNode tools = chat.get("tools");
        if (tools == null || !tools.isArray()) {
            return functions;
        }
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asText("function"))) {
                continue;
            }
            JsonNode function = tool.path("function");
            JsonNode description = function.path("description");
            JsonNode parameters = function.get("parameters");
            ObjectNode schema;
            if (parameters != null && parameters.isObject()) {
                schema = parameters.deepCopy();
            } else {
                schema = mapper.createObjectNode().put("type", "object");
                schema.putObject("properties");
            }
            functions.add(new FunctionTool(
                    function.path("name").asText(), description.isTextual() ? description.textValue() : null, schema));
        }
        return functions;
    }
}
