package dev.tollgate.adapter.out.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ChatParts;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicConversion;
import dev.tollgate.application.upstream.port.out.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure conversions between OpenAI's chat completions shape and Bedrock Runtime's Converse API.
 *
 * <p>Request (chat completions → Converse):
 * <ul>
 *   <li>{@code system} and {@code developer} messages → {@code system: [{text}]}, one block per message;</li>
 *   <li>{@code user} content → {@code text} blocks and {@code image} blocks ({@code data:} URLs only: format
 *       {@code png|jpeg|gif|webp} from the media type, {@code source.bytes} the base64 data; an http(s) URL is
 *       refused, Converse takes no image URLs);</li>
 *   <li>{@code assistant} content → {@code text}, its {@code tool_calls} → {@code toolUse {toolUseId, name,
 *       input}} (arguments parsed);</li>
 *   <li>{@code tool} messages → {@code toolResult {toolUseId, content: [{text}]}} blocks of a user turn;</li>
 *   <li>consecutive turns of the same role are merged so that roles alternate; empty text is left out;</li>
 *   <li>{@code inferenceConfig}: {@code maxTokens} = the override, else {@code max_completion_tokens}, else
 *       {@code max_tokens}, else {@value #DEFAULT_MAX_TOKENS}; {@code temperature}, {@code top_p} →
 *       {@code topP}, {@code stop} → {@code stopSequences};</li>
 *   <li>{@code tools} (function) → {@code toolConfig.tools[].toolSpec {name, description, inputSchema.json}};
 *       {@code tool_choice} {@code auto} → {@code {auto:{}}}, {@code required} → {@code {any:{}}}, a named function
 *       → {@code {tool:{name}}}; {@code none} sends no toolChoice and, unless the history holds tool blocks (then
 *       Converse needs the toolConfig), no tools at all;</li>
 *   <li>the non-OpenAI extensions {@code top_k} and {@code thinking} → {@code additionalModelRequestFields}.</li>
 * </ul>
 * Dropped: {@code n}, penalties, {@code logit_bias}, {@code logprobs}, {@code response_format}, {@code seed},
 * {@code stream_options}, {@code user}, {@code metadata} and the other fields Converse has no counterpart for.
 */
public final class BedrockConversion {
    /** The output limit sent when the client set none. */
    public static final long DEFAULT_MAX_TOKENS = 4096;
    /** The refusal of an image given by URL. */
    public static final String INLINE_IMAGES_ONLY = "aws-bedrock needs images inline (data: URLs)";

    private BedrockConversion() {}

    // ---------------------------------------------------------------- requests

    /**
     * The Converse request for a chat completions request (the model is in the URL, not the body).
     *
     * @throws IllegalArgumentException when the request cannot be expressed as a Converse request
     */
    public static ObjectNode toConverseRequest(ObjectMapper mapper, JsonNode chat, Long maxTokensOverride) {
        if (chat == null || !chat.isObject()) {
            throw new IllegalArgumentException("the request body is not a JSON object");
        }
        JsonNode messages = chat.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("the request has no messages array");
        }
        ObjectNode out = mapper.createObjectNode();
        ArrayNode system = mapper.createArrayNode();
        List<ChatParts.Turn> turns = new ArrayList<>();
        boolean toolBlocks = false;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> {
                    String text = ChatParts.joinedText(message.get("content"));
                    if (!text.isEmpty()) {
                        system.addObject().put("text", text);
                    }
                }
                case "user" -> ChatParts.addTurn(turns, "user", userBlocks(mapper, message.get("content")));
                case "assistant" -> {
                    List<JsonNode> blocks = assistantBlocks(mapper, message);
                    toolBlocks |= blocks.stream().anyMatch(b -> b.has("toolUse"));
                    ChatParts.addTurn(turns, "assistant", blocks);
                }
                case "tool" -> {
                    toolBlocks = true;
                    ChatParts.addTurn(turns, "user", List.of(toolResult(mapper, message)));
                }
                default -> throw new IllegalArgumentException("unsupported message role '" + role + "'");
            }
        }
        ArrayNode outMessages = out.putArray("messages");
        for (ChatParts.Turn turn : turns) {
            ObjectNode m = outMessages.addObject();
            m.put("role", turn.role());
            ArrayNode content = m.putArray("content");
            turn.blocks().forEach(content::add);
        }
        if (!system.isEmpty()) {
            out.set("system", system);
        }

        ObjectNode inference = out.putObject("inferenceConfig");
        long maxTokens = ChatParts.maxTokens(chat, maxTokensOverride, DEFAULT_MAX_TOKENS);
        inference.put("maxTokens", maxTokens);
        ChatParts.copyNumber(chat, inference, "temperature", "temperature");
        ChatParts.copyNumber(chat, inference, "top_p", "topP");
        ChatParts.copyStop(chat, inference, "stopSequences");

        ArrayNode tools = mapper.createArrayNode();
        for (JsonNode tool : chat.path("tools")) {
            if (!"function".equals(tool.path("type").asText("function"))) {
                continue;
            }
            JsonNode function = tool.path("function");
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", function.path("name").asText());
            String description = function.path("description").asText("");
            if (!description.isEmpty()) {
                spec.put("description", description);
            }
            JsonNode parameters = function.get("parameters");
            ObjectNode schema = spec.putObject("inputSchema");
            if (parameters != null && parameters.isObject()) {
                schema.set("json", parameters.deepCopy());
            } else {
                schema.putObject("json").put("type", "object").putObject("properties");
            }
        }
        JsonNode choice = chat.get("tool_choice");
        boolean none = choice != null && choice.isTextual() && "none".equals(choice.textValue());
        if (!tools.isEmpty() && (!none || toolBlocks)) {
            ObjectNode toolConfig = out.putObject("toolConfig");
            toolConfig.set("tools", tools);
            ObjectNode toolChoice = none ? null : toolChoice(mapper, choice);
            if (toolChoice != null) {
                toolConfig.set("toolChoice", toolChoice);
            }
        }

        ObjectNode additional = mapper.createObjectNode();
        ChatParts.copyNumber(chat, additional, "top_k", "top_k");
        if (chat.path("thinking").isObject()) {
            additional.set("thinking", chat.get("thinking").deepCopy());
        }
        if (!additional.isEmpty()) {
            out.set("additionalModelRequestFields", additional);
        }
        return out;
    }

    private static List<JsonNode> userBlocks(ObjectMapper mapper, JsonNode content) {
        List<JsonNode> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            addText(mapper, blocks, content.textValue());
            return blocks;
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException("a message's content must be a string or an array of parts");
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> addText(mapper, blocks, part.path("text").asText(""));
                case "image_url" -> blocks.add(image(mapper, part));
                default ->
                    throw new IllegalArgumentException(
                            "content parts of type '" + type + "' are not supported by the aws-bedrock channel type");
            }
        }
        return blocks;
    }

    private static void addText(ObjectMapper mapper, List<JsonNode> blocks, String text) {
        if (!text.isEmpty()) {
            blocks.add(mapper.createObjectNode().put("text", text));
        }
    }

    /** An {@code image_url} part with a base64 {@code data:} URL as an image block. */
    private static ObjectNode image(ObjectMapper mapper, JsonNode part) {
        JsonNode imageUrl = part.get("image_url");
        String url = imageUrl == null
                ? ""
                : imageUrl.isTextual()
                        ? imageUrl.textValue()
                        : imageUrl.path("url").asText("");
        if (url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)) {
            throw new IllegalArgumentException(INLINE_IMAGES_ONLY);
        }
        if (!url.startsWith("data:")) {
            throw new IllegalArgumentException("an image_url must be a data: URL");
        }
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
        String format = switch (mediaType.trim().toLowerCase(Locale.ROOT)) {
            case "image/png" -> "png";
            case "image/jpeg", "image/jpg" -> "jpeg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default ->
                throw new IllegalArgumentException(
                        "aws-bedrock takes png, jpeg, gif and webp images, not '" + mediaType + "'");
        };
        ObjectNode block = mapper.createObjectNode();
        ObjectNode image = block.putObject("image");
        image.put("format", format);
        image.putObject("source").put("bytes", url.substring(comma + 1));
        return block;
    }

    private static List<JsonNode> assistantBlocks(ObjectMapper mapper, JsonNode message) {
        List<JsonNode> blocks = new ArrayList<>();
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            addText(mapper, blocks, content.textValue());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText("");
                if ("text".equals(type)) {
                    addText(mapper, blocks, part.path("text").asText(""));
                } else if ("refusal".equals(type)) {
                    addText(mapper, blocks, part.path("refusal").asText(""));
                } else {
                    throw new IllegalArgumentException("assistant content parts of type '" + type
                            + "' are not supported by the aws-bedrock channel type");
                }
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            ObjectNode block = mapper.createObjectNode();
            ObjectNode toolUse = block.putObject("toolUse");
            toolUse.put("toolUseId", call.path("id").asText());
            toolUse.put("name", function.path("name").asText());
            toolUse.set("input", ChatParts.toolArguments(mapper, function.get("arguments")));
            blocks.add(block);
        }
        return blocks;
    }

    private static JsonNode toolResult(ObjectMapper mapper, JsonNode message) {
        ObjectNode block = mapper.createObjectNode();
        ObjectNode result = block.putObject("toolResult");
        result.put("toolUseId", message.path("tool_call_id").asText());
        result.putArray("content").addObject().put("text", ChatParts.joinedText(message.get("content")));
        return block;
    }

    private static ObjectNode toolChoice(ObjectMapper mapper, JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            ObjectNode out = mapper.createObjectNode();
            switch (choice.textValue()) {
                case "auto" -> out.putObject("auto");
                case "required" -> out.putObject("any");
                default -> throw new IllegalArgumentException("unsupported tool_choice '" + choice.textValue() + "'");
            }
            return out;
        }
        if (choice.isObject() && "function".equals(choice.path("type").asText())) {
            ObjectNode out = mapper.createObjectNode();
            out.putObject("tool")
                    .put("name", choice.path("function").path("name").asText());
            return out;
        }
        throw new IllegalArgumentException("unsupported tool_choice");
    }

    // ---------------------------------------------------------------- answers

    /** OpenAI's {@code finish_reason} for a Converse {@code stopReason} (null stays null). */
    public static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "tool_use" -> "tool_calls";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "content_filtered", "guardrail_intervened" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence and any future reason
        };
    }

    /**
     * The usage of a Converse {@code usage} object: the prompt is the input plus the input read from and written to
     * the cache; the cached part is the input read from the cache. Null when there is no usage object.
     */
    public static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long read = usage.path("cacheReadInputTokens").asLong(0);
        long write = usage.path("cacheWriteInputTokens").asLong(0);
        return new Usage(
                usage.path("inputTokens").asLong(0) + read + write,
                usage.path("outputTokens").asLong(0),
                read,
                0,
                0,
                write);
    }

    /**
     * A {@code chat.completion} for a Converse answer: text blocks joined into {@code content} (null when none),
     * {@code reasoningContent} into {@code reasoning_content}, {@code toolUse} blocks into {@code tool_calls}.
     */
    public static ObjectNode toChatCompletion(
            ObjectMapper mapper, JsonNode answer, String id, String requestedModel, long created) {
        ObjectNode out = mapper.createObjectNode();
        out.put("id", id);
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", requestedModel);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message");
        m.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = mapper.createArrayNode();
        boolean anyText = false;
        for (JsonNode block : answer.path("output").path("message").path("content")) {
            if (block.path("text").isTextual()) {
                text.append(block.get("text").textValue());
                anyText = true;
            } else if (block.path("toolUse").isObject()) {
                JsonNode toolUse = block.get("toolUse");
                ObjectNode call = calls.addObject();
                call.put("id", toolUse.path("toolUseId").asText());
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", toolUse.path("name").asText());
                JsonNode input = toolUse.get("input");
                function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
            } else if (block.path("reasoningContent").isObject()) {
                JsonNode reasoningText = block.get("reasoningContent").path("reasoningText");
                if (reasoningText.path("text").isTextual()) {
                    reasoning.append(reasoningText.get("text").textValue());
                }
            }
            // other blocks (images, documents, citations, guard content): nothing an OpenAI client can read
        }
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
        String finish = finishReason(
                answer.path("stopReason").isTextual() ? answer.get("stopReason").textValue() : null);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        Usage usage = usage(answer.get("usage"));
        if (usage != null) {
            out.set("usage", AnthropicConversion.openAiUsage(mapper, usage));
        }
        return out;
    }
}
