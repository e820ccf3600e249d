package dev.tollgate.adapter.out.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.upstream.port.out.Usage;
import java.io.IOException;

/**
 * Converts Gemini's {@code GenerateContentResponse} (whole or streamed) to OpenAI's chat completion answer shapes:
 * choices, tool calls, finish reasons and usage (pure JSON). Requests go the other way in {@link GeminiChatRequests},
 * embeddings in {@link GeminiEmbeddingsConversion}.
 */
public final class GeminiConversion {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiConversion() {}

    /**
     * The OpenAI {@code chat.completion} for a Gemini {@code GenerateContentResponse}.
     *
     * @param model the model name to show (the one the client asked for)
     */
    public static ObjectNode chatResponse(JsonNode gemini, String id, long created, String model) {
        ObjectNode out = NODES.objectNode();
        out.put("id", id);
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", model);
        ArrayNode choices = out.putArray("choices");
        JsonNode candidates = gemini.path("candidates");
        if (candidates.isEmpty()) {
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").putNull("content");
            choice.put("finish_reason", gemini.path("promptFeedback").has("blockReason") ? "content_filter" : "stop");
        }
        int position = 0;
        for (JsonNode candidate : candidates) {
            ObjectNode choice = choices.addObject();
            choice.put("index", candidate.path("index").asInt(position++));
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            StringBuilder text = new StringBuilder();
            StringBuilder thoughts = new StringBuilder();
            ArrayNode calls = NODES.arrayNode();
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.has("functionCall")) {
                    calls.add(toolCall(part.path("functionCall"), calls.size(), false));
                } else if (part.path("text").isTextual()) {
                    (part.path("thought").asBoolean(false) ? thoughts : text)
                            .append(part.path("text").textValue());
                }
            }
            if (text.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", text.toString());
            }
            if (!thoughts.isEmpty()) {
                message.put("reasoning_content", thoughts.toString());
            }
            if (!calls.isEmpty()) {
                message.set("tool_calls", calls);
            }
            String reason = finishReason(candidate.path("finishReason").asText(null), !calls.isEmpty());
            choice.put("finish_reason", reason == null ? "stop" : reason);
        }
        Usage usage = usage(gemini.path("usageMetadata"));
        if (usage != null) {
            out.set("usage", usageJson(usage, gemini.path("usageMetadata")));
        }
        return out;
    }

    /** One OpenAI tool call for a Gemini {@code functionCall}; in a stream chunk it carries its {@code index}. */
    static ObjectNode toolCall(JsonNode functionCall, int index, boolean withIndex) {
        ObjectNode call = NODES.objectNode();
        if (withIndex) {
            call.put("index", index);
        }
        call.put("id", "call_" + index);
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", functionCall.path("name").asText(""));
        JsonNode args = functionCall.path("args");
        try {
            function.put("arguments", MAPPER.writeValueAsString(args.isObject() ? args : NODES.objectNode()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return call;
    }

    /**
     * OpenAI's {@code finish_reason} for Gemini's {@code finishReason}, or null when there is none yet;
     * {@code tool_calls} when the candidate called a function.
     */
    static String finishReason(String gemini, boolean calledFunction) {
        if (gemini == null || gemini.isEmpty()) {
            return null;
        }
        if (calledFunction) {
            return "tool_calls";
        }
        return switch (gemini) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> "stop";
        };
    }

    /** The usage of a Gemini {@code usageMetadata}, or null when absent. */
    static Usage usage(JsonNode metadata) {
        if (metadata == null || !metadata.isObject()) {
            return null;
        }
        long thoughts = metadata.path("thoughtsTokenCount").asLong(0);
        return new Usage(
                metadata.path("promptTokenCount").asLong(0),
                metadata.path("candidatesTokenCount").asLong(0) + thoughts,
                metadata.path("cachedContentTokenCount").asLong(0),
                thoughts,
                0);
    }

    /** OpenAI's {@code usage} object; the details appear only when not zero. */
    static ObjectNode usageJson(Usage usage, JsonNode metadata) {
        ObjectNode out = NODES.objectNode();
        out.put("prompt_tokens", usage.promptTokens());
        out.put("completion_tokens", usage.completionTokens());
        out.put(
                "total_tokens",
                metadata.path("totalTokenCount").isNumber()
                        ? metadata.path("totalTokenCount").asLong()
                        : usage.promptTokens() + usage.completionTokens());
        if (usage.cachedPromptTokens() > 0) {
            out.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedPromptTokens());
        }
        if (usage.reasoningTokens() > 0) {
            out.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        return out;
    }

    /** The generated text of an OpenAI message or delta (content, reasoning, tool arguments), to count. */
    static void appendText(JsonNode message, StringBuilder text) {
        if (message.path("content").isTextual()) {
            text.append(message.path("content").textValue());
        }
        if (message.path("reasoning_content").isTextual()) {
            text.append(message.path("reasoning_content").textValue());
        }
        for (JsonNode call : message.path("tool_calls")) {
            text.append(call.path("function").path("arguments").asText(""));
        }
    }
}
