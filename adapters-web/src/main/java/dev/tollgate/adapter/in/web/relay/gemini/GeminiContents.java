package dev.tollgate.adapter.in.web.relay.gemini;

import static dev.tollgate.adapter.in.web.relay.ProtocolJson.argumentsObject;
import static dev.tollgate.adapter.in.web.relay.ProtocolJson.copyPresent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.ProtocolJson;
import dev.tollgate.adapter.in.web.relay.RelayRequestParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's {@code generateContent} in, OpenAI's chat completions through the relay: converts a GenerateContentRequest
 * into an OpenAI chat request and a chat completion back into a GenerateContentResponse. Function calls survive both
 * ways (functionCall ↔ tool_calls, functionResponse ↔ tool messages matched by name, in order).
 *
 * <p>Dropped, because OpenAI's chat API has no equivalent: {@code safetySettings}, {@code cachedContent},
 * {@code topK}, {@code thinkingConfig}, file parts ({@code fileData}), code execution and search tools.
 */
public final class GeminiContents {
    private final ObjectMapper mapper;

    public GeminiContents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The OpenAI chat request for a GenerateContentRequest for {@code model}. */
    public byte[] toChatRequest(byte[] body, String model, boolean stream) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw RelayRequestParser.invalid("Invalid JSON payload received.", null);
        }
        if (root == null || !root.isObject()) {
            throw RelayRequestParser.invalid("Invalid JSON payload received: not an object.", null);
        }
        JsonNode contents = root.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw RelayRequestParser.invalid(
                    "* GenerateContentRequest.contents: contents is not specified", "contents");
        }
        ObjectNode chat = mapper.createObjectNode();
        chat.put("model", model);
        ArrayNode out = chat.putArray("messages");
        JsonNode system =
                root.has("systemInstruction") ? root.get("systemInstruction") : root.get("system_instruction");
        if (system != null && system.isObject()) {
            String text = ProtocolJson.joinedText(system.path("parts"));
            if (!text.isEmpty()) {
                out.addObject().put("role", "system").put("content", text);
            }
        }
        Map<String, Deque<String>> openCalls = new HashMap<>();
        int[] callCounter = {0};
        for (JsonNode content : contents) {
            String role = content.path("role").asText("user");
            JsonNode parts = content.path("parts");
            if (!parts.isArray()) {
                throw RelayRequestParser.invalid(
                        "* GenerateContentRequest.contents.parts: parts must be a list", "contents");
            }
            if ("model".equals(role)) {
                model(parts, out, openCalls, callCounter);
            } else {
                user(parts, out, openCalls);
            }
        }
        JsonNode config = root.has("generationConfig") ? root.get("generationConfig") : root.path("generation_config");
        copyPresent(config, "temperature", chat, "temperature");
        copyPresent(config, "topP", chat, "top_p");
        copyPresent(config, "maxOutputTokens", chat, "max_tokens");
        copyPresent(config, "stopSequences", chat, "stop");
        copyPresent(config, "candidateCount", chat, "n");
        copyPresent(config, "seed", chat, "seed");
        copyPresent(config, "presencePenalty", chat, "presence_penalty");
        copyPresent(config, "frequencyPenalty", chat, "frequency_penalty");
        if ("application/json".equals(config.path("responseMimeType").asText())) {
            if (config.has("responseSchema") || config.has("responseJsonSchema")) {
                ObjectNode format = chat.putObject("response_format").put("type", "json_schema");
                format.putObject("json_schema")
                        .put("name", "response")
                        .set(
                                "schema",
                                config.has("responseJsonSchema")
                                        ? config.get("responseJsonSchema")
                                        : config.get("responseSchema"));
            } else {
                chat.putObject("response_format").put("type", "json_object");
            }
        }
        tools(root, chat);
        if (stream) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        try {
            return mapper.writeValueAsBytes(chat);
        } catch (JsonProcessingException e) {
            throw RelayRequestParser.invalid("the request could not be converted", null);
        }
    }

    private void user(JsonNode parts, ArrayNode out, Map<String, Deque<String>> openCalls) {
        ArrayNode content = mapper.createArrayNode();
        for (JsonNode part : parts) {
            if (part.has("functionResponse")) {
                JsonNode response = part.get("functionResponse");
                String name = response.path("name").asText();
                Deque<String> ids = openCalls.get(name);
                String id = ids == null || ids.isEmpty() ? "call_" + name : ids.removeFirst();
                JsonNode value = response.path("response");
                String text = value.isObject()
                                && value.size() == 1
                                && value.has("result")
                                && value.get("result").isTextual()
                        ? value.get("result").asText()
                        : value.toString();
                out.addObject().put("role", "tool").put("tool_call_id", id).put("content", text);
            } else if (part.path("text").isTextual()) {
                content.addObject()
                        .put("type", "text")
                        .put("text", part.get("text").asText());
            } else if (part.has("inlineData") || part.has("inline_data")) {
                JsonNode data = part.has("inlineData") ? part.get("inlineData") : part.get("inline_data");
                String mime = data.has("mimeType")
                        ? data.path("mimeType").asText()
                        : data.path("mime_type").asText();
                content.addObject()
                        .put("type", "image_url")
                        .putObject("image_url")
                        .put(
                                "url",
                                "data:" + mime + ";base64," + data.path("data").asText());
            }
        }
        if (!content.isEmpty()) {
            ObjectNode message = out.addObject().put("role", "user");
            if (content.size() == 1 && content.get(0).has("text")) {
                message.put("content", content.get(0).get("text").asText());
            } else {
                message.set("content", content);
            }
        }
    }

    private void model(JsonNode parts, ArrayNode out, Map<String, Deque<String>> openCalls, int[] callCounter) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = mapper.createArrayNode();
        for (JsonNode part : parts) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            if (part.path("text").isTextual()) {
                text.append(part.get("text").asText());
            } else if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                String name = call.path("name").asText();
                String id = call.path("id").isTextual() ? call.get("id").asText() : "call_" + (++callCounter[0]);
                openCalls.computeIfAbsent(name, n -> new ArrayDeque<>()).addLast(id);
                ProtocolJson.addToolCall(calls, id, name, call.get("args"));
            }
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        ProtocolJson.assistantContent(message, text, calls);
    }

    private void tools(JsonNode root, ObjectNode chat) {
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode tool : root.path("tools")) {
            JsonNode declarations = tool.has("functionDeclarations")
                    ? tool.get("functionDeclarations")
                    : tool.path("function_declarations");
            for (JsonNode d : declarations) {
                ObjectNode f = ProtocolJson.addFunctionTool(out, d.path("name").asText(), d.get("description"));
                JsonNode parameters =
                        d.has("parametersJsonSchema") ? d.get("parametersJsonSchema") : d.get("parameters");
                if (parameters != null) {
                    f.set("parameters", lowerCaseTypes(parameters.deepCopy()));
                }
            }
        }
        if (out.isEmpty()) {
            return;
        }
        chat.set("tools", out);
        JsonNode config = root.path("toolConfig").path("functionCallingConfig");
        switch (config.path("mode").asText("")) {
            case "NONE" -> chat.put("tool_choice", "none");
            case "ANY" -> {
                JsonNode allowed = config.path("allowedFunctionNames");
                if (allowed.isArray() && allowed.size() == 1) {
                    chat.putObject("tool_choice")
                            .put("type", "function")
                            .putObject("function")
                            .put("name", allowed.get(0).asText());
                } else {
                    chat.put("tool_choice", "required");
                }
            }
            case "AUTO" -> chat.put("tool_choice", "auto");
            default -> {}
        }
    }

    /** Gemini's OpenAPI schema writes types in upper case (STRING, OBJECT); JSON Schema wants lower case. */
    private JsonNode lowerCaseTypes(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode o = (ObjectNode) schema;
            if (o.path("type").isTextual()) {
                o.put("type", o.get("type").asText().toLowerCase(Locale.ROOT));
            }
            o.fields().forEachRemaining(e -> lowerCaseTypes(e.getValue()));
        } else if (schema.isArray()) {
            schema.forEach(this::lowerCaseTypes);
        }
        return schema;
    }

    /** A chat completion as a GenerateContentResponse. */
    byte[] toResponse(byte[] chatCompletion, String model) {
        try {
            JsonNode root = mapper.readTree(chatCompletion);
            ObjectNode out = mapper.createObjectNode();
            ArrayNode candidates = out.putArray("candidates");
            for (JsonNode choice : root.path("choices")) {
                ObjectNode candidate = candidates.addObject();
                ArrayNode parts =
                        candidate.putObject("content").put("role", "model").putArray("parts");
                JsonNode message = choice.path("message");
                if (message.path("reasoning_content").isTextual()
                        && !message.get("reasoning_content").asText().isEmpty()) {
                    parts.addObject()
                            .put("text", message.get("reasoning_content").asText())
                            .put("thought", true);
                }
                if (message.path("content").isTextual()) {
                    parts.addObject().put("text", message.get("content").asText());
                }
                for (JsonNode call : message.path("tool_calls")) {
                    ObjectNode fc = parts.addObject().putObject("functionCall");
                    fc.put("name", call.path("function").path("name").asText());
                    fc.set(
                            "args",
                            argumentsObject(
                                    mapper,
                                    call.path("function").path("arguments").asText("{}")));
                }
                candidate.put(
                        "finishReason",
                        finishReason(choice.path("finish_reason").asText(null)));
                candidate.put("index", choice.path("index").asInt(0));
            }
            usage(root.path("usage"), out);
            out.put("modelVersion", model);
            if (root.path("id").isTextual()) {
                out.put("responseId", root.get("id").asText());
            }
            return mapper.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("the upstream answer could not be converted", e);
        }
    }

    void usage(JsonNode usage, ObjectNode out) {
        if (usage != null && usage.isObject()) {
            ObjectNode metadata = out.putObject("usageMetadata");
            long prompt = usage.path("prompt_tokens").asLong(0);
            long completion = usage.path("completion_tokens").asLong(0);
            metadata.put("promptTokenCount", prompt);
            metadata.put("candidatesTokenCount", completion);
            metadata.put("totalTokenCount", prompt + completion);
            long cached =
                    usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
            if (cached > 0) {
                metadata.put("cachedContentTokenCount", cached);
            }
        }
    }

    static String finishReason(String openAi) {
        if (openAi == null) {
            return "STOP";
        }
        return switch (openAi) {
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> "STOP";
        };
    }

    /** Google's status name for an HTTP status. */
    static String status(int status) {
        return switch (status) {
            case 400, 413, 422 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 502, 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "INTERNAL";
        };
    }

    /** Google's error envelope {@code {"error":{"code","message","status"}}}. */
    public byte[] error(int status, String message) {
        ObjectNode root = mapper.createObjectNode();
        root.putObject("error").put("code", status).put("message", message).put("status", status(status));
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
