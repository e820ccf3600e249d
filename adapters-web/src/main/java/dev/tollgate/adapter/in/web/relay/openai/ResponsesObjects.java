package dev.tollgate.adapter.in.web.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.ToLongBiFunction;

/**
 * Builds the Responses API's objects Tollgate answers with itself (a converted answer, a queued background response,
 * a deleted one, an input-items page): the response object with the request's settings echoed as OpenAI does, its
 * output items and its usage.
 */
public final class ResponsesObjects {
    /** Request settings the response object repeats. */
    private static final List<String> ECHOED = List.of(
            "instructions",
            "max_output_tokens",
            "previous_response_id",
            "temperature",
            "top_p",
            "user",
            "metadata",
            "text",
            "tool_choice",
            "tools",
            "parallel_tool_calls",
            "store",
            "background",
            "reasoning");

    private final ObjectMapper mapper;
    /** Counts a model's tokens in a text: the reasoning tokens of a provider that does not report them. */
    private final ToLongBiFunction<String, String> tokens;

    public ResponsesObjects(ObjectMapper mapper, ToLongBiFunction<String, String> tokens) {
        this.mapper = mapper;
        this.tokens = tokens;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** A response object with no output yet. */
    public ObjectNode response(String id, long createdAt, String model, String status, JsonNode request) {
        ObjectNode response = mapper.createObjectNode()
                .put("id", id)
                .put("object", "response")
                .put("created_at", createdAt)
                .put("status", status)
                .put("model", model);
        response.putNull("error");
        response.putNull("incomplete_details");
        response.putNull("instructions");
        response.putNull("max_output_tokens");
        response.putNull("previous_response_id");
        response.put("temperature", 1.0).put("top_p", 1.0).put("parallel_tool_calls", true);
        response.put("tool_choice", "auto");
        response.putArray("tools");
        response.putObject("metadata");
        response.putObject("text").putObject("format").put("type", "text");
        response.put("truncation", "disabled");
        response.put("store", true).put("background", false);
        for (String field : ECHOED) {
            JsonNode value = request.get(field);
            if (value != null && !value.isNull()) {
                response.set(field, value.deepCopy());
            }
        }
        response.putArray("output");
        response.putNull("usage");
        return response;
    }

    /** An assistant message item with one output text. */
    ObjectNode message(String id, String text, String status) {
        ObjectNode item = mapper.createObjectNode()
                .put("type", "message")
                .put("id", id)
                .put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    ObjectNode outputText(String text) {
        ObjectNode part = mapper.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /**
     * A reasoning item: the model's reasoning (Claude's thinking blocks, Gemini's thought parts) as one
     * {@code summary_text} part when the request asked for a summary ({@code reasoning.summary}), else no summary part
     * (as OpenAI answers when none was asked for); {@code text} null: no summary yet.
     */
    ObjectNode reasoning(String id, String text) {
        ObjectNode item = mapper.createObjectNode().put("type", "reasoning").put("id", id);
        ArrayNode summary = item.putArray("summary");
        if (text != null) {
            summary.add(summaryText(text));
        }
        return item;
    }

    ObjectNode summaryText(String text) {
        return mapper.createObjectNode().put("type", "summary_text").put("text", text);
    }

    /** Whether the request asked for reasoning summaries ({@code reasoning.summary} set), as echoed in the response. */
    static boolean summaries(JsonNode response) {
        JsonNode summary = response.path("reasoning").path("summary");
        return summary.isTextual() && !"none".equals(summary.textValue());
    }

    /** A function call item. */
    ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return mapper.createObjectNode()
                .put("type", "function_call")
                .put("id", id)
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments)
                .put("status", status);
    }

    /** The Responses usage of chat usage figures. */
    ObjectNode usage(long input, long cached, long output, long reasoning) {
        ObjectNode usage = mapper.createObjectNode().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", cached);
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        usage.put("total_tokens", input + output);
        return usage;
    }

    /** The usage of a chat completion (or chunk), as Responses usage; null when it has none. */
    ObjectNode usageOf(JsonNode chat) {
        JsonNode usage = chat.path("usage");
        if (!usage.isObject()) {
            return null;
        }
        return usage(
                usage.path("prompt_tokens").asLong(),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
                usage.path("completion_tokens").asLong(),
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong());
    }

    /** A complete chat completion as a response object. */
    ObjectNode fromChat(JsonNode chat, ObjectNode skeleton) {
        JsonNode choice = chat.path("choices").path(0);
        JsonNode message = choice.path("message");
        ArrayNode output = (ArrayNode) skeleton.get("output");
        String id = skeleton.path("id").asText();
        String reasoning = message.path("reasoning_content").asText("");
        if (!reasoning.isEmpty()) {
            output.add(reasoning("rs_" + id.substring(5) + "_r", summaries(skeleton) ? reasoning : null));
        }
        if (message.path("content").isTextual()
                && !message.path("content").textValue().isEmpty()) {
            output.add(message(
                    "msg_" + id.substring(5) + "_0", message.path("content").textValue(), "completed"));
        }
        int n = 0;
        for (JsonNode call : message.path("tool_calls")) {
            output.add(functionCall(
                    "fc_" + id.substring(5) + "_" + n++,
                    call.path("id").asText(),
                    call.path("function").path("name").asText(),
                    call.path("function").path("arguments").asText("{}"),
                    "completed"));
        }
        finish(skeleton, choice.path("finish_reason").asText("stop"), usageOf(chat), reasoning);
        return skeleton;
    }

    /**
     * Sets the final status (incomplete when the output limit cut the answer) and the usage; when the answer reasoned
     * ({@code reasoning} not empty) and the provider reported no reasoning tokens (Anthropic does not), they are
     * counted from the reasoning text (an estimate, at most the output tokens; the billing is unchanged: the output
     * tokens already include them).
     */
    void finish(ObjectNode response, String finishReason, ObjectNode usage, String reasoning) {
        if ("length".equals(finishReason)) {
            response.put("status", "incomplete");
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            response.put("status", "completed");
        }
        if (usage != null) {
            ObjectNode details = (ObjectNode) usage.get("output_tokens_details");
            if (!reasoning.isEmpty() && details.path("reasoning_tokens").asLong() == 0) {
                long counted = tokens.applyAsLong(response.path("model").asText(), reasoning);
                details.put(
                        "reasoning_tokens",
                        Math.min(counted, usage.path("output_tokens").asLong()));
            }
            response.set("usage", usage);
        }
    }

    /** OpenAI's answer to a delete. */
    public ObjectNode deleted(String id) {
        return mapper.createObjectNode()
                .put("id", id)
                .put("object", "response.deleted")
                .put("deleted", true);
    }
}
