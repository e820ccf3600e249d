package dev.tollgate.adapter.in.web.auth.external;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Feishu's answers carry a {@code code} (0 = success) and a {@code msg} (or, on the OAuth token endpoint,
 * {@code error}/{@code error_description}); the payload is in {@code data} on the open APIs and at the top level on
 * the token endpoint.
 */
final class FeishuResponses {
    static final String ERROR = "feishu_error";

    private FeishuResponses() {}

    /** The payload of a successful answer, or null with {@code problem} describing why it is not one. */
    static JsonNode payload(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        if (body.has("code") && body.path("code").asLong(-1) != 0) {
            return null;
        }
        return body.path("data").isObject() ? body.path("data") : body;
    }

    /** Feishu's own words for a failed answer: "{msg} (code {code})". */
    static String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "an answer that is not JSON";
        }
        String message = body.path("msg").asText("");
        if (message.isBlank()) {
            message = body.path("error_description").asText(body.path("error").asText("no message"));
        }
        return message + " (code " + body.path("code").asText("?") + ")";
    }
}
