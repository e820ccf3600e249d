package dev.tollgate.adapter.out.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Converts OpenAI embeddings requests to Gemini's {@code batchEmbedContents} body and its answer back. */
public final class GeminiEmbeddingsConversion {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiEmbeddingsConversion() {}

    /** The {@code batchEmbedContents} body for an OpenAI embeddings request (text input only). */
    public static ObjectNode embeddingsRequest(JsonNode client, String upstreamModel) {
        JsonNode input = client == null ? null : client.get("input");
        ArrayNode texts = NODES.arrayNode();
        if (input != null && input.isTextual()) {
            texts.add(input);
        } else if (input != null && input.isArray() && !input.isEmpty()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("the gemini channel type embeds text input only");
                }
                texts.add(item);
            }
        } else {
            throw new IllegalArgumentException("input must be a string or a non-empty array of strings");
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode requests = out.putArray("requests");
        for (JsonNode text : texts) {
            ObjectNode request = requests.addObject();
            request.put("model", "models/" + upstreamModel);
            request.putObject("content").putArray("parts").addObject().set("text", text);
            if (client.path("dimensions").isNumber()) {
                request.put("outputDimensionality", client.path("dimensions").asInt());
            }
        }
        return out;
    }

    /**
     * The OpenAI embeddings answer for a {@code batchEmbedContents} answer. Gemini reports no token counts here:
     * the usage shows zeros and Tollgate counts the input itself.
     *
     * @param base64 the client asked for {@code encoding_format: base64} (little-endian float32)
     */
    public static ObjectNode embeddingsResponse(JsonNode gemini, String model, boolean base64) {
        ObjectNode out = NODES.objectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        int index = 0;
        for (JsonNode embedding : gemini.path("embeddings")) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", index++);
            JsonNode values = embedding.path("values");
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(values.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
                values.forEach(v -> bytes.putFloat((float) v.asDouble()));
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                item.set("embedding", values.isArray() ? values : NODES.arrayNode());
            }
        }
        out.put("model", model);
        out.putObject("usage").put("prompt_tokens", 0).put("total_tokens", 0);
        return out;
    }
}
