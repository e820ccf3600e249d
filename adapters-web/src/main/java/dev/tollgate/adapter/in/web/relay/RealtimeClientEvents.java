package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.relay.port.in.RealtimeClientEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a realtime client event: its {@code type} from the top level in one streaming pass (an audio append's base64
 * is skipped, not decoded), and only for {@code response.create} the whole event, for its output-token limit. Writes
 * the {@code error} events Tollgate itself sends, in OpenAI's shape.
 */
final class RealtimeClientEvents {
    private final ObjectMapper mapper;

    RealtimeClientEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    RealtimeClientEvent read(String text) {
        String type = null;
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                        type = parser.getText();
                        break;
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            type = null; // not JSON: forwarded as it is, the upstream answers with its own error event
        }
        if ("response.create".equals(type)) {
            return responseCreate(text);
        }
        return event(type, text, null, null);
    }

    private RealtimeClientEvent responseCreate(String text) {
        try {
            JsonNode root = mapper.readTree(text);
            JsonNode limit = root.path("response").path("max_output_tokens");
            Long max =
                    limit.canConvertToLong() && limit.isIntegralNumber() && limit.asLong() > 0 ? limit.asLong() : null;
            return event("response.create", text, max, root.isObject() ? (ObjectNode) root : null);
        } catch (JsonProcessingException e) {
            return event(null, text, null, null);
        }
    }

    /** {@code {"type":"error","event_id":…,"error":{"type","code","message","param":null,"event_id":null}}}. */
    String error(String eventId, String type, String code, String message) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "error");
        root.put("event_id", eventId);
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("code", code);
        error.put("message", message);
        error.putNull("param");
        error.putNull("event_id");
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RealtimeClientEvent event(String type, String text, Long maxOutputTokens, ObjectNode tree) {
        return new RealtimeClientEvent(type, text, maxOutputTokens, limit -> withLimit(text, tree, limit));
    }

    private String withLimit(String text, ObjectNode tree, long limit) {
        if (tree == null) {
            return text;
        }
        ObjectNode copy = tree.deepCopy();
        JsonNode response = copy.path("response");
        ObjectNode target = response.isObject() ? (ObjectNode) response : copy.putObject("response");
        target.put("max_output_tokens", limit);
        try {
            return mapper.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
