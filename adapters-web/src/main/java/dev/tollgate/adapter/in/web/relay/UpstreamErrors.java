package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.relay.port.in.UpstreamErrorPassthrough;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * An upstream's refusal of a request (a 4xx the client must see) as the client gets it: the provider's error type,
 * code, parameter and message — whichever provider's shape it came in (OpenAI's and Anthropic's {@code error.message},
 * Google's {@code error.status}, Bedrock's {@code message}) — with what must not leave Tollgate removed: API keys and
 * other long tokens, URLs, host names and addresses of the provider's inside. Nothing else of the body is passed on.
 */
final class UpstreamErrors {
    /** What the client learns of an upstream's refusal. */
    record Refusal(String message, String type, String code, String param) {}

    private static final int MAX_MESSAGE = 1_000;
    private static final Pattern KEYS = Pattern.compile(
            "(?i)\\b(?:sk|pk|rk|ak|key)-[A-Za-z0-9_\\-]{6,}|\\bAIza[0-9A-Za-z_\\-]{20,}|\\b[A-Za-z0-9_\\-+/=]{32,}");
    private static final Pattern URLS = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]+");
    private static final Pattern ADDRESSES =
            Pattern.compile("\\[[0-9A-Fa-f:.]+](?::\\d+)?|\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b"
                    + "|\\b(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{0,4}\\b");
    private static final Pattern HOSTS = Pattern.compile(
            "(?i)\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:internal|local|localdomain|lan|corp|intranet|svc|cluster"
                    + "|home|private)\\b(?::\\d+)?|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)+:\\d{2,5}\\b");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final ObjectMapper mapper;

    UpstreamErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The refusal in {@code body} (any provider's shape), cleaned; a generic one when the body says nothing usable. */
    Refusal read(int status, byte[] body) {
        JsonNode root = null;
        try {
            root = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            // not JSON (a proxy's HTML page, say): nothing of it is passed on
        }
        JsonNode error = root == null ? null : root.path("error").isObject() ? root.get("error") : root;
        String message = error == null ? null : text(error.get("message"));
        if (message == null) {
            message = "the upstream refused the request (status " + status + ")";
        }
        String type = error == null ? null : word(error.get("type"));
        if (type == null && error != null) {
            type = word(error.get("status")); // Google's INVALID_ARGUMENT, PERMISSION_DENIED, ...
        }
        return new Refusal(
                clean(message),
                type != null ? type : "upstream_error",
                error == null ? null : word(error.get("code")),
                error == null ? null : word(error.get("param")));
    }

    /** The refusal in OpenAI's error envelope. */
    /**
     * Writes an upstream's refusal as OpenAI's error envelope: the provider's error type and message, cleaned of keys,
     * URLs and addresses; never its whole body.
     */
    void write(HttpServletResponse response, UpstreamErrorPassthrough e) throws IOException {
        byte[] body = openAi(read(e.status(), e.body()));
        response.setStatus(e.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    byte[] openAi(Refusal refusal) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", refusal.message());
        error.put("type", refusal.type());
        error.put("param", refusal.param());
        error.put("code", refusal.code());
        try {
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message without keys, URLs, addresses or internal host names, at most {@value #MAX_MESSAGE} characters. */
    static String clean(String message) {
        String text = KEYS.matcher(message).replaceAll("[redacted]");
        text = URLS.matcher(text).replaceAll("[url]");
        text = ADDRESSES.matcher(text).replaceAll("[address]");
        text = HOSTS.matcher(text).replaceAll("[host]");
        text = text.replaceAll("[\\r\\n\\t]+", " ");
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    /** A type, code or parameter name: a short word, or nothing (a number code becomes its digits). */
    private static String word(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isNumber() ? node.asText() : node.isTextual() ? node.textValue() : null;
        return value != null && WORD.matcher(value).matches() ? value : null;
    }
}
