package dev.tollgate.adapter.out.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.upstream.port.out.Usage;
import java.io.IOException;

/**
 * Reads the {@code usage} of a whole OpenAI-shaped answer with Jackson's streaming parser: every other member of the
 * answer is skipped, not built into a tree (an answer's text is most of its bytes). The whole answer is still parsed,
 * so a body that is not one well-formed JSON object is told apart.
 */
final class UsageScan {
    private UsageScan() {}

    /**
     * The answer's usage, or null when it has none with token counts or is not a well-formed JSON object (the caller
     * then reads the answer the slow way, which counts its text or reports it broken).
     */
    static Usage of(ObjectMapper mapper, byte[] answer) {
        try (JsonParser parser = mapper.getFactory().createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonNode usage = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
                    usage = parser.readValueAsTree();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || usage == null || !counts(usage)) {
                return null;
            }
            ObjectNode holder = mapper.createObjectNode();
            holder.set("usage", usage);
            return OpenAiChatUpstream.usage(holder);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the usage counts tokens (or seconds) in one of the shapes OpenAI-compatible upstreams use. */
    private static boolean counts(JsonNode usage) {
        return usage.has("prompt_tokens")
                || usage.has("completion_tokens")
                || usage.has("total_tokens")
                || usage.has("input_tokens")
                || usage.has("output_tokens")
                || usage.has("seconds");
    }
}
