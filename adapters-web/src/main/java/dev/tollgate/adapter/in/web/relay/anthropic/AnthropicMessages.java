package dev.tollgate.adapter.in.web.relay.anthropic;

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

/**
 * Anthropic's Messages API in, OpenAI's chat completions through the relay: converts a Messages request into an
 * OpenAI chat request and a chat completion back into a Message. Tool use survives both ways (tool_use ↔ tool_calls,
 * tool_result ↔ tool messages, in order); images as base64 or URL; system prompts; stop sequences.
 *
 * <p>Dropped, because OpenAI's chat API has no equivalent: {@code top_k}, {@code thinking} settings, cache control
 * marks, {@code container}, {@code mcp_servers}, {@code service_tier}. Thinking blocks of earlier assistant turns are
 * not sent back upstream.
 */
public final class AnthropicMessages {
    private final ObjectMapper mapper;

    public AnthropicMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A count_tokens body (which has no max_tokens) made acceptable to {@link #toChatRequest}. */
    public byte[] withMaxTokens(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root instanceof ObjectNode o && !o.has("max_tokens")) {
                o.put("max_tokens", 1);
                return mapper.writeValueAsBytes(o);
            }
            return body;
        } catch (IOException e) {
            throw RelayRequestParser.invalid("the request body is not valid JSON", null);
        }
    }

    /** The OpenAI chat request for a Messages request; throws a 400 RelayException for a malformed one. */
    public byte[] toChatRequest(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw RelayRequestParser.invalid("the request body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw RelayRequestParser.invalid("the request body must be a JSON object", null);
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw RelayRequestParser.invalid("model: Field required", "model");
        }
        JsonNode maxTokens = root.get("max_tokens");
        if (maxTokens == null || !maxTokens.isIntegralNumber() || maxTokens.asLong() < 1) {
            throw RelayRequestParser.invalid("max_tokens: Field required (a positive integer)", "max_tokens");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw RelayRequestParser.invalid("messages: Field required (a non-empty array)", "messages");
        }
        ObjectNode chat = mapper.createObjectNode();
        chat.put("model", model.asText());
        chat.put("max_tokens", maxTokens.asLong());
        ArrayNode out = chat.putArray("messages");
        String system = text(root.get("system"));
        if (system != null && !system.isEmpty()) {
            out.addObject().put("role", "system").put("content", system);
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                throw RelayRequestParser.invalid("messages: role must be 'user' or 'assistant'", "messages");
            }
            JsonNode content = m.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw RelayRequestParser.invalid(
                        "messages: content must be a string or an array of blocks", "messages");
            }
            if (role.equals("user")) {
                user(content, out);
            } else {
                assistant(content, out);
            }
        }
        copyPresent(root, "temperature", chat, "temperature");
        copyPresent(root, "top_p", chat, "top_p");
        copyPresent(root, "stop_sequences", chat, "stop");
        if (root.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            // message_delta carries the usage: ask for it (the relay then passes the usage chunk on)
            chat.putObject("stream_options").put("include_usage", true);
        }
        if (root.path("metadata").path("user_id").isTextual()) {
            chat.put("user", root.path("metadata").path("user_id").asText());
        }
        tools(root, chat);
        try {
            return mapper.writeValueAsBytes(chat);
        } catch (JsonProcessingException e) {
            throw RelayRequestParser.invalid("the request could not be converted", null);
        }
    }

    /** Tool results first (as OpenAI tool messages, in order), then the user's own text and images. */
    private void user(JsonNode content, ArrayNode out) {
        if (content.isTextual()) {
            out.addObject().put("role", "user").put("content", content.asText());
            return;
        }
        ArrayNode parts = mapper.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "tool_result" -> {
                    String result = text(block.get("content"));
                    if (block.path("is_error").asBoolean(false)) {
                        result = "Error: " + (result == null ? "" : result);
                    }
                    out.addObject()
                            .put("role", "tool")
                            .put("tool_call_id", block.path("tool_use_id").asText())
                            .put("content", result == null ? "" : result);
                }
                case "text" ->
                    parts.addObject()
                            .put("type", "text")
                            .put("text", block.path("text").asText());
                case "image" -> {
                    JsonNode source = block.path("source");
                    String url = "url".equals(source.path("type").asText())
                            ? source.path("url").asText()
                            : "data:" + source.path("media_type").asText() + ";base64,"
                                    + source.path("data").asText();
                    parts.addObject()
                            .put("type", "image_url")
                            .putObject("image_url")
                            .put("url", url);
                }
                default -> {
                    // documents, search results…: not representable in OpenAI's chat API
                }
            }
        }
        if (!parts.isEmpty()) {
            ObjectNode message = out.addObject().put("role", "user");
            if (parts.size() == 1 && parts.get(0).has("text")) {
                message.put("content", parts.get(0).path("text").asText());
            } else {
                message.set("content", parts);
            }
        }
    }

    private void assistant(JsonNode content, ArrayNode out) {
        ObjectNode message = out.addObject().put("role", "assistant");
        if (content.isTextual()) {
            message.put("content", content.asText());
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = mapper.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" ->
                    ProtocolJson.addToolCall(
                            calls, block.path("id").asText(), block.path("name").asText(), block.get("input"));
                default -> {
                    // thinking blocks are not sent back
                }
            }
        }
        ProtocolJson.assistantContent(message, text, calls);
    }

    private void tools(JsonNode root, ObjectNode chat) {
        JsonNode tools = root.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode out = chat.putArray("tools");
            for (JsonNode t : tools) {
                if (!t.has("input_schema")) {
                    continue; // server tools (web search…) have no OpenAI equivalent
                }
                ProtocolJson.addFunctionTool(out, t.path("name").asText(), t.get("description"))
                        .set("parameters", t.get("input_schema"));
            }
            if (out.isEmpty()) {
                chat.remove("tools");
            }
        }
        JsonNode choice = root.get("tool_choice");
        if (choice != null && choice.isObject() && chat.has("tools")) {
            switch (choice.path("type").asText()) {
                case "auto" -> chat.put("tool_choice", "auto");
                case "any" -> chat.put("tool_choice", "required");
                case "none" -> chat.put("tool_choice", "none");
                case "tool" ->
                    chat.putObject("tool_choice")
                            .put("type", "function")
                            .putObject("function")
                            .put("name", choice.path("name").asText());
                default -> {}
            }
            if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
                chat.put("parallel_tool_calls", false);
            }
        }
    }

    /** A string, or the text blocks of an array joined; null when absent. */
    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        return ProtocolJson.joinedText(node);
    }

    /** A chat completion as a Message. */
    byte[] toMessage(byte[] chatCompletion, String model) {
        try {
            JsonNode root = mapper.readTree(chatCompletion);
            JsonNode choice = root.path("choices").path(0);
            JsonNode message = choice.path("message");
            ObjectNode out = mapper.createObjectNode();
            out.put("id", messageId(root.path("id").asText("")));
            out.put("type", "message");
            out.put("role", "assistant");
            out.put("model", model);
            ArrayNode content = out.putArray("content");
            if (message.path("reasoning_content").isTextual()
                    && !message.path("reasoning_content").asText().isEmpty()) {
                content.addObject()
                        .put("type", "thinking")
                        .put("thinking", message.path("reasoning_content").asText())
                        .put("signature", "");
            }
            if (message.path("content").isTextual()
                    && !message.path("content").asText().isEmpty()) {
                content.addObject()
                        .put("type", "text")
                        .put("text", message.path("content").asText());
            }
            for (JsonNode call : message.path("tool_calls")) {
                ObjectNode block = content.addObject()
                        .put("type", "tool_use")
                        .put("id", call.path("id").asText())
                        .put("name", call.path("function").path("name").asText());
                block.set(
                        "input",
                        argumentsObject(
                                mapper, call.path("function").path("arguments").asText("{}")));
            }
            out.put("stop_reason", stopReason(choice.path("finish_reason").asText(null)));
            out.putNull("stop_sequence");
            ObjectNode usage = out.putObject("usage");
            usage.put("input_tokens", root.path("usage").path("prompt_tokens").asLong(0));
            usage.put(
                    "output_tokens",
                    root.path("usage").path("completion_tokens").asLong(0));
            usage.put("cache_creation_input_tokens", 0);
            usage.put(
                    "cache_read_input_tokens",
                    root.path("usage")
                            .path("prompt_tokens_details")
                            .path("cached_tokens")
                            .asLong(0));
            return mapper.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("the upstream answer could not be converted", e);
        }
    }

    static String messageId(String upstreamId) {
        return upstreamId.startsWith("msg_") ? upstreamId : "msg_" + upstreamId.replaceAll("[^A-Za-z0-9_-]", "");
    }

    /** OpenAI's finish_reason as Anthropic's stop_reason. */
    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic's error type for an HTTP status. */
    static String errorType(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status == 504 ? "timeout_error" : "api_error";
        };
    }

    /** Anthropic's error envelope {@code {"type":"error","error":{"type","message"}}}. */
    public byte[] error(int status, String message) {
        ObjectNode root = mapper.createObjectNode().put("type", "error");
        root.putObject("error").put("type", errorType(status)).put("message", message);
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
