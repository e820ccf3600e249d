package dev.tollgate.adapter.in.web.relay.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.relay.port.in.RelayException;
import java.io.IOException;
import java.util.List;

/**
 * Gemini's embeddings and model list in, OpenAI's shapes to the relay and back: {@code :embedContent} (one
 * {@code content}) and {@code :batchEmbedContents} ({@code requests[]}, each with its {@code content}) become one
 * OpenAI embeddings request whose inputs are the contents' texts; the answer's vectors come back as
 * {@code {"embedding":{"values"}}} or {@code {"embeddings":[{"values"}]}}, in order. {@code taskType} and
 * {@code title} have no OpenAI counterpart and are dropped; {@code outputDimensionality} becomes {@code dimensions}.
 */
public final class GeminiEmbeddings {
    /** What Tollgate serves of each model, as Gemini's model resource lists it. */
    static final List<String> METHODS =
            List.of("generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents");

    private final ObjectMapper mapper;

    public GeminiEmbeddings(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The OpenAI embeddings request for an EmbedContentRequest ({@code batch}: a BatchEmbedContentsRequest). */
    public byte[] toEmbeddingsRequest(byte[] body, String model, boolean batch) {
        JsonNode root = read(body);
        ArrayNode input = mapper.createArrayNode();
        Integer dimensions = null;
        if (batch) {
            JsonNode requests = root.path("requests");
            if (!requests.isArray() || requests.isEmpty()) {
                throw invalid("'requests' must be a non-empty array of EmbedContentRequest");
            }
            for (JsonNode request : requests) {
                input.add(text(request));
                dimensions = dimensions(request, dimensions);
            }
        } else {
            input.add(text(root));
            dimensions = dimensions(root, null);
        }
        ObjectNode openAi = mapper.createObjectNode();
        openAi.put("model", model);
        openAi.set("input", input);
        if (dimensions != null) {
            openAi.put("dimensions", dimensions);
        }
        try {
            return mapper.writeValueAsBytes(openAi);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vectors of an OpenAI embeddings answer, as Gemini's EmbedContentResponse or BatchEmbedContentsResponse. */
    byte[] toResponse(byte[] openAiAnswer, boolean batch) {
        JsonNode data = read(openAiAnswer).path("data");
        ObjectNode root = mapper.createObjectNode();
        ArrayNode embeddings = mapper.createArrayNode();
        for (JsonNode item : data) {
            embeddings.addObject().set("values", item.path("embedding"));
        }
        if (batch) {
            root.set("embeddings", embeddings);
        } else {
            root.set("embedding", embeddings.isEmpty() ? mapper.createObjectNode() : embeddings.get(0));
        }
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A model resource in Gemini's shape ({@code models/<id>}). */
    public ObjectNode model(String id) {
        ObjectNode model = mapper.createObjectNode();
        model.put("name", "models/" + id);
        model.put("baseModelId", id);
        model.put("version", "tollgate");
        model.put("displayName", id);
        ArrayNode methods = model.putArray("supportedGenerationMethods");
        METHODS.forEach(methods::add);
        return model;
    }

    private static String text(JsonNode request) {
        JsonNode parts = request.path("content").path("parts");
        if (!parts.isArray() || parts.isEmpty()) {
            throw invalid("each embedding request needs 'content.parts' with text");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (!part.path("text").isTextual()) {
                throw invalid("only text parts can be embedded");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.path("text").asText());
        }
        return text.toString();
    }

    private static Integer dimensions(JsonNode request, Integer before) {
        JsonNode d = request.path("outputDimensionality");
        if (d.isMissingNode() || d.isNull()) {
            return before;
        }
        if (!d.isIntegralNumber() || d.asInt() < 1) {
            throw invalid("'outputDimensionality' must be a positive integer");
        }
        if (before != null && before != d.asInt()) {
            throw invalid("every request of a batch must ask for the same 'outputDimensionality'");
        }
        return d.asInt();
    }

    private JsonNode read(byte[] body) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || !root.isObject()) {
                throw invalid("the body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw invalid("the body is not valid JSON");
        }
    }

    private static RelayException invalid(String message) {
        return new RelayException(400, "invalid_request_error", "invalid_request", message);
    }
}
