package dev.tollgate.adapter.out.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.upstream.port.out.Usage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns the events of one {@code streamGenerateContent?alt=sse} stream (each a whole
 * {@code GenerateContentResponse}) into OpenAI {@code chat.completion.chunk}s. Stateful: one instance per stream,
 * used by one thread.
 *
 * <p>The first chunk of each choice carries {@code delta.role}; function calls become complete {@code tool_calls}
 * deltas numbered per choice in order of arrival; the latest {@code usageMetadata} is remembered and reported once,
 * in a final usage-only chunk ({@link #usageChunk()}).
 */
public final class GeminiStreamConverter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String id;
    private final long created;
    private final String model;
    private final Set<Integer> started = new HashSet<>();
    /** Tool calls seen so far, by choice index. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();

    private JsonNode usageMetadata;

    public GeminiStreamConverter(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** The chunk for one event, or null when it carries nothing to pass on (usage alone is kept for the end). */
    public ObjectNode convert(JsonNode event) {
        if (event.path("usageMetadata").isObject()) {
            usageMetadata = event.path("usageMetadata");
        }
        ArrayNode choices = NODES.arrayNode();
        JsonNode candidates = event.path("candidates");
        if (candidates.isEmpty() && event.path("promptFeedback").has("blockReason")) {
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            if (started.add(0)) {
                delta.put("role", "assistant");
            }
            choice.put("finish_reason", "content_filter");
        }
        int position = 0;
        for (JsonNode candidate : candidates) {
            int index = candidate.path("index").asInt(position++);
            ObjectNode choice = NODES.objectNode();
            choice.put("index", index);
            ObjectNode delta = choice.putObject("delta");
            boolean first = started.add(index);
            if (first) {
                delta.put("role", "assistant");
            }
            StringBuilder text = new StringBuilder();
            StringBuilder thoughts = new StringBuilder();
            ArrayNode calls = NODES.arrayNode();
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.has("functionCall")) {
                    int callIndex = toolCalls.merge(index, 1, Integer::sum) - 1;
                    calls.add(GeminiConversion.toolCall(part.path("functionCall"), callIndex, true));
                } else if (part.path("text").isTextual()) {
                    (part.path("thought").asBoolean(false) ? thoughts : text)
                            .append(part.path("text").textValue());
                }
            }
            if (!text.isEmpty()) {
                delta.put("content", text.toString());
            }
            if (!thoughts.isEmpty()) {
                delta.put("reasoning_content", thoughts.toString());
            }
            if (!calls.isEmpty()) {
                delta.set("tool_calls", calls);
            }
            String reason = GeminiConversion.finishReason(
                    candidate.path("finishReason").asText(null), toolCalls.containsKey(index));
            if (reason == null && delta.isEmpty()) {
                continue;
            }
            choice.put("finish_reason", reason);
            choices.add(choice);
        }
        if (choices.isEmpty()) {
            return null;
        }
        ObjectNode chunk = header();
        chunk.set("choices", choices);
        return chunk;
    }

    /** The usage reported last, or null when none arrived. */
    public Usage usage() {
        return GeminiConversion.usage(usageMetadata);
    }

    /** The final usage-only chunk ({@code choices: []}), or null when the stream reported no usage. */
    public ObjectNode usageChunk() {
        Usage usage = usage();
        if (usage == null) {
            return null;
        }
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", GeminiConversion.usageJson(usage, usageMetadata));
        return chunk;
    }

    private ObjectNode header() {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
