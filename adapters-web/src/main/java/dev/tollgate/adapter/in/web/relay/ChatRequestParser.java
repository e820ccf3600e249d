package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.ChatCall;
import dev.tollgate.application.relay.port.in.RelayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks a chat completion body the way OpenAI does (a JSON object with a model and messages, fields of the right
 * types) and extracts what the relay needs. The body itself is forwarded untouched.
 */
final class ChatRequestParser {
    private final ObjectMapper mapper;

    ChatRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ChatCall parse(byte[] body, ApiCredentials credentials) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("the request body is not valid JSON", null);
        } catch (IOException e) {
            throw invalid("the request body could not be read", null);
        }
        if (root == null || !root.isObject()) {
            throw invalid("the request body must be a JSON object", null);
        }
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw invalid("you must provide a model parameter", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("'model' must be a non-empty string", "model");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || messages.isNull()) {
            throw invalid("'messages' is a required property", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw invalid("'messages' must be a non-empty array", "messages");
        }
        for (JsonNode m : messages) {
            if (!m.isObject() || !m.path("role").isTextual()) {
                throw invalid("each message must be an object with a string 'role'", "messages");
            }
        }
        boolean stream = optionalBoolean(root, "stream");
        JsonNode streamOptions = root.get("stream_options");
        boolean includeUsage = false;
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw invalid("'stream_options' must be an object", "stream_options");
            }
            includeUsage = optionalBoolean(streamOptions, "include_usage");
        }
        Long maxTokens = optionalPositiveInt(root, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = optionalPositiveInt(root, "max_tokens");
        }
        return new ChatCall(credentials, model.asText(), stream, includeUsage, maxTokens, textBytes(messages),
                messages.size(), body, () -> promptText(messages));
    }

    private static boolean optionalBoolean(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw invalid("'" + field + "' must be a boolean", field);
        }
        return v.booleanValue();
    }

    private static Long optionalPositiveInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
            throw invalid("'" + field + "' must be a positive integer", field);
        }
        return v.longValue();
    }

    /** The text the model reads: every message's content (string or text parts) and name, one per line. */
    private static String promptText(JsonNode messages) {
        StringBuilder text = new StringBuilder();
        for (JsonNode m : messages) {
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                text.append(content.textValue()).append('\n');
            } else {
                for (JsonNode part : content) {
                    if (part.path("text").isTextual()) {
                        text.append(part.path("text").textValue()).append('\n');
                    }
                }
            }
            if (m.path("name").isTextual()) {
                text.append(m.path("name").textValue()).append('\n');
            }
        }
        return text.toString();
    }

    /** UTF-8 bytes of every string in the messages: an upper bound of the prompt's tokens. */
    private static long textBytes(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().getBytes(StandardCharsets.UTF_8).length;
        }
        long total = 0;
        for (JsonNode child : node) {
            total = Math.addExact(total, textBytes(child));
        }
        return total;
    }

    static RelayException invalid(String message, String param) {
        return new ParamRelayException(message, param);
    }

    /** An invalid request naming the offending parameter. */
    static final class ParamRelayException extends RelayException {
        private final String param;

        ParamRelayException(String message, String param) {
            super(400, "invalid_request_error", null, message);
            this.param = param;
        }

        String param() {
            return param;
        }
    }
}
