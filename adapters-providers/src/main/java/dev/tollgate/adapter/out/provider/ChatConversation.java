package dev.tollgate.adapter.out.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of an OpenAI chat request read the way Anthropic's Messages and Bedrock's Converse both take them: the
 * {@code system} and {@code developer} texts apart, the rest as turns of alternating roles ({@code tool} messages
 * become tool results of a user turn, consecutive turns of one role are merged, empty text is left out). The walk is
 * the same for both protocols; how each block is written is the target's {@link BlockFormat}.
 *
 * @param system     the non-empty texts of the {@code system} and {@code developer} messages, in order
 * @param turns      the conversation, roles alternating
 * @param toolBlocks whether the conversation holds a tool call or a tool result
 */
public record ChatConversation(List<String> system, List<ChatParts.Turn> turns, boolean toolBlocks) {

    /** How a target protocol writes each kind of content block. */
    public interface BlockFormat {
        /** A non-empty text block; {@code cacheControl} is the part's {@code cache_control} (null when none). */
        JsonNode text(String text, JsonNode cacheControl);

        /** An image block for an {@code image_url} part. */
        JsonNode image(JsonNode part);

        /** An assistant's tool call, its arguments already an object. */
        JsonNode toolUse(String id, String name, JsonNode input);

        /** The result of a tool call, its content as text. */
        JsonNode toolResult(String toolUseId, String content);
    }

    /**
     * Reads the request's messages.
     *
     * @param channelType the channel type named when a part cannot be sent ({@code anthropic}, {@code aws-bedrock})
     * @throws IllegalArgumentException when the body is not an object, has no {@code messages} array, or holds an
     *                                  unknown role, a part the target cannot take or a malformed tool call
     */
    public static ChatConversation read(ObjectMapper mapper, JsonNode chat, String channelType, BlockFormat format) {
        if (chat == null || !chat.isObject()) {
            throw new IllegalArgumentException("the request body is not a JSON object");
        }
        JsonNode messages = chat.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("the request has no messages array");
        }
        List<String> system = new ArrayList<>();
        List<ChatParts.Turn> turns = new ArrayList<>();
        boolean toolBlocks = false;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> {
                    String text = ChatParts.joinedText(message.get("content"));
                    if (!text.isEmpty()) {
                        system.add(text);
                    }
                }
                case "user" ->
                    ChatParts.addTurn(turns, "user", userBlocks(format, channelType, message.get("content")));
                case "assistant" -> {
                    List<JsonNode> blocks = assistantText(format, channelType, message.get("content"));
                    for (JsonNode call : message.path("tool_calls")) {
                        JsonNode function = call.path("function");
                        blocks.add(format.toolUse(
                                call.path("id").asText(),
                                function.path("name").asText(),
                                ChatParts.toolArguments(mapper, function.get("arguments"))));
                        toolBlocks = true;
                    }
                    ChatParts.addTurn(turns, "assistant", blocks);
                }
                case "tool" -> {
                    toolBlocks = true;
                    JsonNode result = format.toolResult(
                            message.path("tool_call_id").asText(), ChatParts.joinedText(message.get("content")));
                    ChatParts.addTurn(turns, "user", List.of(result));
                }
                default -> throw new IllegalArgumentException("unsupported message role '" + role + "'");
            }
        }
        return new ChatConversation(List.copyOf(system), turns, toolBlocks);
    }

    /** Adds each turn to {@code messages} as {@code {"role", "content": [blocks]}}. */
    public void writeTurns(ArrayNode messages) {
        for (ChatParts.Turn turn : turns) {
            ObjectNode m = messages.addObject();
            m.put("role", turn.role());
            ArrayNode content = m.putArray("content");
            turn.blocks().forEach(content::add);
        }
    }

    private static List<JsonNode> userBlocks(BlockFormat format, String channelType, JsonNode content) {
        List<JsonNode> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            addText(format, blocks, content.textValue(), null);
            return blocks;
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException("a message's content must be a string or an array of parts");
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> addText(format, blocks, part.path("text").asText(""), part.get("cache_control"));
                case "image_url" -> blocks.add(format.image(part));
                default ->
                    throw new IllegalArgumentException("content parts of type '" + type + "' are not supported by the "
                            + channelType + " channel type");
            }
        }
        return blocks;
    }

    private static List<JsonNode> assistantText(BlockFormat format, String channelType, JsonNode content) {
        List<JsonNode> blocks = new ArrayList<>();
        if (content != null && content.isTextual()) {
            addText(format, blocks, content.textValue(), null);
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText("");
                if ("text".equals(type)) {
                    addText(format, blocks, part.path("text").asText(""), part.get("cache_control"));
                } else if ("refusal".equals(type)) {
                    addText(format, blocks, part.path("refusal").asText(""), null);
                } else {
                    throw new IllegalArgumentException("assistant content parts of type '" + type
                            + "' are not supported by the " + channelType + " channel type");
                }
            }
        }
        return blocks;
    }

    private static void addText(BlockFormat format, List<JsonNode> blocks, String text, JsonNode cacheControl) {
        if (!text.isEmpty()) {
            blocks.add(format.text(text, cacheControl));
        }
    }
}
