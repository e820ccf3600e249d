package dev.tollgate.adapter.out.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.ChatConversation;
import dev.tollgate.adapter.out.provider.ChatParts;
import dev.tollgate.adapter.out.provider.OneChoiceCompletion;
import dev.tollgate.adapter.out.provider.ReasoningBudget;
import dev.tollgate.application.upstream.port.out.Usage;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pure conversions between OpenAI's chat completions shape and Anthropic's Messages API.
 *
 * <p>Request (chat completions → Messages):
 * <ul>
 *   <li>{@code system} and {@code developer} messages are joined (blank line between them) into the top-level
 *       {@code system} string;</li>
 *   <li>{@code tool} messages become {@code tool_result} blocks of a user message; consecutive messages of the same
 *       role (after that mapping) are merged into one so that roles alternate;</li>
 *   <li>message content is always sent as an array of blocks: {@code text}, {@code image} (base64 from a
 *       {@code data:} URL, or {@code url}), {@code tool_use} (assistant {@code tool_calls}, arguments parsed) and
 *       {@code tool_result}; empty text is left out (Anthropic refuses empty text blocks); a {@code cache_control}
 *       on a text or image part is kept;</li>
 *   <li>{@code max_tokens}: the override, else {@code max_completion_tokens}, else {@code max_tokens}, else
 *       {@value #DEFAULT_MAX_TOKENS} (Anthropic requires it);</li>
 *   <li>{@code temperature}, {@code top_p}, {@code stream} are copied; {@code stop} → {@code stop_sequences};
 *       {@code tools} (function) → {@code name/description/input_schema}; {@code tool_choice} →
 *       {@code auto/any/none/tool}; {@code parallel_tool_calls:false} → {@code disable_parallel_tool_use};
 *       {@code user} → {@code metadata.user_id}; the non-OpenAI extensions {@code top_k} and {@code thinking}
 *       (Anthropic's own object) are passed through; without {@code thinking}, {@code reasoning_effort} turns extended
 *       thinking on with a budget from {@link ReasoningBudget} (and then sends no temperature, top_p or top_k).</li>
 * </ul>
 * Dropped (no Messages counterpart): {@code n} (one choice only), {@code presence_penalty},
 * {@code frequency_penalty}, {@code logit_bias}, {@code logprobs}, {@code top_logprobs}, {@code response_format},
 * {@code seed}, {@code stream_options} (usage is always reported), {@code service_tier}, {@code store},
 * {@code metadata}, {@code modalities}, {@code audio}, {@code prediction},
 * {@code web_search_options}, the legacy {@code functions}/{@code function_call}, a message's {@code name}, and an
 * assistant message's {@code reasoning_content} (Anthropic needs the signature of a thinking block, which an OpenAI
 * history does not carry). Tools of a type other than {@code function} are dropped. {@code temperature} is sent as
 * given (Anthropic accepts 0 to 1, OpenAI up to 2: a higher value is refused by Anthropic).
 */
public final class AnthropicConversion {
    /** The output limit sent when the client set none (Anthropic requires {@code max_tokens}). */
    public static final long DEFAULT_MAX_TOKENS = 4096;
    /** Claude's smallest {@code thinking.budget_tokens}. */
    public static final long MIN_THINKING_BUDGET = 1024;

    private AnthropicConversion() {}

    /**
     * The Messages request for a chat completions request.
     *
     * @throws IllegalArgumentException when the request cannot be expressed as a Messages request (no
     *                                  {@code messages}, an unknown role, a malformed image or tool call)
     */
    public static ObjectNode toMessagesRequest(
            ObjectMapper mapper, JsonNode chat, String upstreamModel, Long maxTokensOverride) {
        ChatConversation conversation = ChatConversation.read(mapper, chat, "anthropic", new MessagesBlocks(mapper));
        ObjectNode out = mapper.createObjectNode();
        out.put("model", upstreamModel);
        if (!conversation.system().isEmpty()) {
            out.put("system", String.join("\n\n", conversation.system()));
        }
        conversation.writeTurns(out.putArray("messages"));

        long maxTokens = ChatParts.maxTokens(chat, maxTokensOverride, DEFAULT_MAX_TOKENS);
        out.put("max_tokens", maxTokens);

        OptionalLong thinking = chat.path("thinking").isObject()
                ? OptionalLong.empty()
                : ReasoningBudget.of(chat, maxTokens, MIN_THINKING_BUDGET);
        if (thinking.isPresent()) {
            // extended thinking takes no temperature, top_p or top_k of the client's
            out.putObject("thinking").put("type", "enabled").put("budget_tokens", thinking.getAsLong());
        } else {
            ChatParts.copyNumber(chat, out, "temperature", "temperature");
            ChatParts.copyNumber(chat, out, "top_p", "top_p");
            ChatParts.copyNumber(chat, out, "top_k", "top_k");
        }
        ChatParts.copyStop(chat, out, "stop_sequences");
        if (chat.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        if (chat.path("user").isTextual() && !chat.get("user").textValue().isEmpty()) {
            out.putObject("metadata").put("user_id", chat.get("user").textValue());
        }
        if (chat.path("thinking").isObject()) {
            out.set("thinking", chat.get("thinking").deepCopy());
        }

        List<ChatParts.FunctionTool> functions = ChatParts.functionTools(mapper, chat);
        if (!functions.isEmpty()) {
            ArrayNode outTools = out.putArray("tools");
            for (ChatParts.FunctionTool function : functions) {
                ObjectNode t = outTools.addObject();
                t.put("name", function.name());
                if (function.description() != null) {
                    t.put("description", function.description());
                }
                t.set("input_schema", function.schema());
            }
        }
        ObjectNode toolChoice = toolChoice(mapper, chat.get("tool_choice"));
        boolean serial = chat.path("parallel_tool_calls").isBoolean()
                && !chat.get("parallel_tool_calls").booleanValue();
        if (!functions.isEmpty()) {
            if (serial) {
                if (toolChoice == null) {
                    toolChoice = mapper.createObjectNode().put("type", "auto");
                }
                if (!"none".equals(toolChoice.path("type").asText())) {
                    toolChoice.put("disable_parallel_tool_use", true);
                }
            }
            if (toolChoice != null) {
                out.set("tool_choice", toolChoice);
            }
        }
        return out;
    }

    /** Messages API content blocks: {@code text}, {@code image}, {@code tool_use}, {@code tool_result}. */
    private record MessagesBlocks(ObjectMapper mapper) implements ChatConversation.BlockFormat {
        @Override
        public JsonNode text(String text, JsonNode cacheControl) {
            return withCacheControl(
                    mapper.createObjectNode().put("type", "text").put("text", text), cacheControl);
        }

        /** An {@code image_url} part: a {@code data:} URL becomes a base64 source, an http(s) URL a url source. */
        @Override
        public JsonNode image(JsonNode part) {
            String url = ChatParts.imageUrl(part);
            ObjectNode block = mapper.createObjectNode().put("type", "image");
            ObjectNode source = block.putObject("source");
            if (url.startsWith("data:")) {
                ChatParts.Base64Image image = ChatParts.base64Image(url);
                source.put("type", "base64")
                        .put("media_type", image.mediaType())
                        .put("data", image.data());
            } else if (url.startsWith("https://") || url.startsWith("http://")) {
                source.put("type", "url").put("url", url);
            } else {
                throw new IllegalArgumentException("an image_url must be a data: or http(s) URL");
            }
            return withCacheControl(block, part.get("cache_control"));
        }

        @Override
        public JsonNode toolUse(String id, String name, JsonNode input) {
            return mapper.createObjectNode()
                    .put("type", "tool_use")
                    .put("id", id)
                    .put("name", name)
                    .set("input", input);
        }

        @Override
        public JsonNode toolResult(String toolUseId, String content) {
            return mapper.createObjectNode()
                    .put("type", "tool_result")
                    .put("tool_use_id", toolUseId)
                    .put("content", content);
        }

        private static ObjectNode withCacheControl(ObjectNode block, JsonNode cacheControl) {
            if (cacheControl != null && cacheControl.isObject()) {
                block.set("cache_control", cacheControl.deepCopy());
            }
            return block;
        }
    }

    private static ObjectNode toolChoice(ObjectMapper mapper, JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.textValue()) {
                case "auto" -> mapper.createObjectNode().put("type", "auto");
                case "required" -> mapper.createObjectNode().put("type", "any");
                case "none" -> mapper.createObjectNode().put("type", "none");
                default -> throw new IllegalArgumentException("unsupported tool_choice '" + choice.textValue() + "'");
            };
        }
        if (choice.isObject() && "function".equals(choice.path("type").asText())) {
            return mapper.createObjectNode()
                    .put("type", "tool")
                    .put("name", choice.path("function").path("name").asText());
        }
        throw new IllegalArgumentException("unsupported tool_choice");
    }

    // ---------------------------------------------------------------- answers

    /** OpenAI's {@code finish_reason} for an Anthropic {@code stop_reason} (null stays null). */
    public static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn and any future reason
        };
    }

    /**
     * The usage of an Anthropic {@code usage} object: the prompt is the uncached input plus the input written to and
     * read from the cache; the cached part is the input read from the cache, the cache write the input written to it. Null when there is no usage object.
     */
    public static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long read = usage.path("cache_read_input_tokens").asLong(0);
        long written = usage.path("cache_creation_input_tokens").asLong(0);
        long prompt = usage.path("input_tokens").asLong(0) + written + read;
        return new Usage(prompt, usage.path("output_tokens").asLong(0), read, 0, 0, written);
    }

    /** OpenAI's {@code usage} object for a usage. */
    public static ObjectNode openAiUsage(ObjectMapper mapper, Usage usage) {
        ObjectNode node = mapper.createObjectNode();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedPromptTokens());
        return node;
    }

    /**
     * A {@code chat.completion} for an Anthropic Message: text blocks joined into {@code content} (null when none),
     * thinking blocks into {@code reasoning_content}, tool_use blocks into {@code tool_calls}.
     */
    public static ObjectNode toChatCompletion(
            ObjectMapper mapper, JsonNode message, String requestedModel, long created) {
        OneChoiceCompletion completion = new OneChoiceCompletion(mapper);
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> completion.text(block.path("text").asText(""));
                case "thinking" -> completion.reasoning(block.path("thinking").asText(""));
                case "tool_use" ->
                    completion.toolCall(
                            block.path("id").asText(), block.path("name").asText(), block.get("input"));
                default -> {
                    // redacted_thinking, server tool blocks: nothing an OpenAI client can read
                }
            }
        }
        String finish = finishReason(
                message.path("stop_reason").isTextual()
                        ? message.get("stop_reason").textValue()
                        : null);
        Usage usage = usage(message.get("usage"));
        return completion.build(
                message.path("id").asText(""),
                requestedModel,
                created,
                finish,
                usage == null ? null : openAiUsage(mapper, usage));
    }

    /** The generated text of a chat completion message or delta: content, reasoning, tool-call arguments. */
    public static String generatedText(JsonNode message) {
        StringBuilder text = new StringBuilder();
        if (message.path("content").isTextual()) {
            text.append(message.get("content").textValue());
        }
        if (message.path("reasoning_content").isTextual()) {
            text.append(message.get("reasoning_content").textValue());
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode arguments = call.path("function").path("arguments");
            if (arguments.isTextual()) {
                text.append(arguments.textValue());
            }
        }
        return text.toString();
    }
}
