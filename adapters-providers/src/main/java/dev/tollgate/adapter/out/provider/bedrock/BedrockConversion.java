package dev.tollgate.adapter.out.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ChatConversation;
import dev.tollgate.adapter.out.provider.ChatParts;
import dev.tollgate.adapter.out.provider.OneChoiceCompletion;
import dev.tollgate.adapter.out.provider.ReasoningBudget;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicConversion;
import dev.tollgate.application.upstream.port.out.Usage;
import java.util.Locale;
import java.util.OptionalLong;

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
        ChatConversation conversation = ChatConversation.read(mapper, chat, "aws-bedrock", new ConverseBlocks(mapper));
        ObjectNode out = mapper.createObjectNode();
        conversation.writeTurns(out.putArray("messages"));
        if (!conversation.system().isEmpty()) {
            ArrayNode system = out.putArray("system");
            conversation.system().forEach(text -> system.addObject().put("text", text));
        }

        ObjectNode inference = out.putObject("inferenceConfig");
        long maxTokens = ChatParts.maxTokens(chat, maxTokensOverride, DEFAULT_MAX_TOKENS);
        inference.put("maxTokens", maxTokens);
        OptionalLong thinking = chat.path("thinking").isObject()
                ? OptionalLong.empty()
                : ReasoningBudget.of(chat, maxTokens, AnthropicConversion.MIN_THINKING_BUDGET);
        if (thinking.isEmpty()) {
            ChatParts.copyNumber(chat, inference, "temperature", "temperature");
            ChatParts.copyNumber(chat, inference, "top_p", "topP");
        }
        ChatParts.copyStop(chat, inference, "stopSequences");

        ArrayNode tools = mapper.createArrayNode();
        for (ChatParts.FunctionTool function : ChatParts.functionTools(mapper, chat)) {
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", function.name());
            if (function.description() != null && !function.description().isEmpty()) {
                spec.put("description", function.description());
            }
            spec.putObject("inputSchema").set("json", function.schema());
        }
        JsonNode choice = chat.get("tool_choice");
        boolean none = choice != null && choice.isTextual() && "none".equals(choice.textValue());
        if (!tools.isEmpty() && (!none || conversation.toolBlocks())) {
            ObjectNode toolConfig = out.putObject("toolConfig");
            toolConfig.set("tools", tools);
            ObjectNode toolChoice = none ? null : toolChoice(mapper, choice);
            if (toolChoice != null) {
                toolConfig.set("toolChoice", toolChoice);
            }
        }

        ObjectNode additional = mapper.createObjectNode();
        if (chat.path("thinking").isObject()) {
            additional.set("thinking", chat.get("thinking").deepCopy());
        } else if (thinking.isPresent()) {
            additional.putObject("thinking").put("type", "enabled").put("budget_tokens", thinking.getAsLong());
        }
        if (thinking.isEmpty()) {
            ChatParts.copyNumber(chat, additional, "top_k", "top_k");
        }
        if (!additional.isEmpty()) {
            out.set("additionalModelRequestFields", additional);
        }
        return out;
    }

    /** Converse content blocks: {@code text}, {@code image}, {@code toolUse}, {@code toolResult}. */
    private record ConverseBlocks(ObjectMapper mapper) implements ChatConversation.BlockFormat {
        /** A text block; Converse has no per-block cache control. */
        @Override
        public JsonNode text(String text, JsonNode cacheControl) {
            return mapper.createObjectNode().put("text", text);
        }

        /** An {@code image_url} part with a base64 {@code data:} URL as an image block. */
        @Override
        public JsonNode image(JsonNode part) {
            String url = ChatParts.imageUrl(part);
            if (url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)) {
                throw new IllegalArgumentException(INLINE_IMAGES_ONLY);
            }
            if (!url.startsWith("data:")) {
                throw new IllegalArgumentException("an image_url must be a data: URL");
            }
            ChatParts.Base64Image data = ChatParts.base64Image(url);
            String format = switch (data.mediaType().trim().toLowerCase(Locale.ROOT)) {
                case "image/png" -> "png";
                case "image/jpeg", "image/jpg" -> "jpeg";
                case "image/gif" -> "gif";
                case "image/webp" -> "webp";
                default ->
                    throw new IllegalArgumentException(
                            "aws-bedrock takes png, jpeg, gif and webp images, not '" + data.mediaType() + "'");
            };
            ObjectNode block = mapper.createObjectNode();
            ObjectNode image = block.putObject("image");
            image.put("format", format);
            image.putObject("source").put("bytes", data.data());
            return block;
        }

        @Override
        public JsonNode toolUse(String id, String name, JsonNode input) {
            ObjectNode block = mapper.createObjectNode();
            block.putObject("toolUse").put("toolUseId", id).put("name", name).set("input", input);
            return block;
        }

        @Override
        public JsonNode toolResult(String toolUseId, String content) {
            ObjectNode block = mapper.createObjectNode();
            ObjectNode result = block.putObject("toolResult");
            result.put("toolUseId", toolUseId);
            result.putArray("content").addObject().put("text", content);
            return block;
        }
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
        OneChoiceCompletion completion = new OneChoiceCompletion(mapper);
        for (JsonNode block : answer.path("output").path("message").path("content")) {
            if (block.path("text").isTextual()) {
                completion.text(block.get("text").textValue());
            } else if (block.path("toolUse").isObject()) {
                JsonNode toolUse = block.get("toolUse");
                completion.toolCall(
                        toolUse.path("toolUseId").asText(), toolUse.path("name").asText(), toolUse.get("input"));
            } else if (block.path("reasoningContent").isObject()) {
                JsonNode reasoningText = block.get("reasoningContent").path("reasoningText");
                if (reasoningText.path("text").isTextual()) {
                    completion.reasoning(reasoningText.get("text").textValue());
                }
            }
            // other blocks (images, documents, citations, guard content): nothing an OpenAI client can read
        }
        String finish = finishReason(
                answer.path("stopReason").isTextual() ? answer.get("stopReason").textValue() : null);
        Usage usage = usage(answer.get("usage"));
        return completion.build(
                id,
                requestedModel,
                created,
                finish,
                usage == null ? null : AnthropicConversion.openAiUsage(mapper, usage));
    }
}
