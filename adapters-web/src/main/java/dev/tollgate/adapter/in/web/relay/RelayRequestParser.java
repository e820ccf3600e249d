package dev.tollgate.adapter.in.web.relay;

import static dev.tollgate.adapter.in.web.relay.RequestFields.checkSampling;
import static dev.tollgate.adapter.in.web.relay.RequestFields.choices;
import static dev.tollgate.adapter.in.web.relay.RequestFields.maxTokens;
import static dev.tollgate.adapter.in.web.relay.RequestFields.model;
import static dev.tollgate.adapter.in.web.relay.RequestFields.optionalBoolean;
import static dev.tollgate.adapter.in.web.relay.RequestFields.optionalPositiveInt;
import static dev.tollgate.adapter.in.web.relay.RequestFields.outputLimit;
import static dev.tollgate.adapter.in.web.relay.RequestFields.plainText;
import static dev.tollgate.adapter.in.web.relay.RequestFields.promptText;
import static dev.tollgate.adapter.in.web.relay.RequestFields.streamFlags;
import static dev.tollgate.adapter.in.web.relay.RequestFields.textBytes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Checks a chat completion body the way OpenAI does (a JSON object with a model and messages, fields of the right
 * types) and extracts what the relay needs. The body itself is forwarded untouched.
 */
public final class RelayRequestParser {
    static final String DEFAULT_MODERATION_MODEL = "omni-moderation-latest";
    /** The largest output-token limit a request may ask for (no model writes a million tokens in one answer). */
    static final long MAX_OUTPUT_TOKENS = 1_048_576;
    /** The most choices one request may ask for ({@code n}), as OpenAI. */
    static final long MAX_CHOICES = 128;

    private final ObjectMapper mapper;
    private final MultipartRequestParser multipart = new MultipartRequestParser();
    /** Reads request bodies; a key given twice in one object is refused (which value would the provider use?). */
    private final ObjectReader reader;

    RelayRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** Checks and reads a request of any endpoint; {@code contentType} matters only for multipart endpoints. */
    RelayCall parse(RelayEndpoint endpoint, byte[] body, String contentType, ApiCredentials credentials) {
        if (endpoint.multipart()) {
            return multipart.parse(endpoint, body, contentType, credentials);
        }
        return parse(endpoint, body, credentials);
    }

    /** Checks and reads a JSON request. */
    RelayCall parse(RelayEndpoint endpoint, byte[] body, ApiCredentials credentials) {
        JsonNode root = readObject(body);
        return switch (endpoint) {
            case CHAT_COMPLETIONS -> chat(root, body, credentials);
            case COMPLETIONS -> completion(root, body, credentials);
            case EMBEDDINGS -> embeddings(root, body, credentials);
            case MODERATIONS -> moderations(root, body, credentials);
            case RERANK -> rerank(root, body, credentials);
            case RESPONSES -> responses(root, body, credentials);
            case IMAGES_GENERATIONS -> imageGeneration(root, body, credentials);
            case AUDIO_SPEECH -> speech(root, body, credentials);
            case IMAGES_EDITS, IMAGES_VARIATIONS, AUDIO_TRANSCRIPTIONS, AUDIO_TRANSLATIONS ->
                throw invalid("this endpoint takes multipart/form-data", null);
        };
    }

    /**
     * The legacy {@code /v1/engines/{model}/embeddings}: the model comes from the path and is written into the body
     * forwarded upstream.
     */
    RelayCall parseLegacyEmbeddings(String model, byte[] body, ApiCredentials credentials) {
        JsonNode root = readObject(body);
        ((ObjectNode) root).put("model", model);
        try {
            return embeddings(root, mapper.writeValueAsBytes(root), credentials);
        } catch (JsonProcessingException e) {
            throw invalid("the request body could not be rewritten", null);
        }
    }

    private JsonNode readObject(byte[] body) {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field '")) {
                String field = message.substring("Duplicate field '".length(), message.indexOf('\'', 17));
                throw invalid("the key '" + field + "' appears twice in one object; send each key once", field);
            }
            throw invalid("the request body is not valid JSON", null);
        } catch (IOException e) {
            throw invalid("the request body could not be read", null);
        }
        if (root == null || !root.isObject()) {
            throw invalid("the request body must be a JSON object", null);
        }
        return root;
    }

    private RelayCall chat(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = model(root);
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
        return generation(
                RelayEndpoint.CHAT_COMPLETIONS,
                root,
                model,
                messages.size(),
                body,
                () -> promptText(messages),
                credentials);
    }

    private RelayCall completion(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = model(root);
        JsonNode prompt = root.path("prompt");
        if (!prompt.isMissingNode() && !prompt.isNull() && !prompt.isTextual() && !prompt.isArray()) {
            throw invalid("'prompt' must be a string, an array of strings or an array of token ids", "prompt");
        }
        return generation(RelayEndpoint.COMPLETIONS, root, model, 0, body, () -> plainText(prompt), credentials);
    }

    /** Chat and legacy completions: stream flags, sampling settings, output limit and choices read alike. */
    private static RelayCall generation(
            RelayEndpoint endpoint,
            JsonNode root,
            String model,
            int messageCount,
            byte[] body,
            Supplier<String> promptText,
            ApiCredentials credentials) {
        RequestFields.StreamFlags flags = streamFlags(root);
        checkSampling(root);
        return new RelayCall(
                endpoint,
                credentials,
                model,
                flags.stream(),
                flags.includeUsage(),
                maxTokens(root),
                PromptBound.of(root),
                messageCount,
                body,
                promptText,
                "application/json",
                choices(root),
                null,
                null);
    }

    private RelayCall embeddings(JsonNode root, byte[] body, ApiCredentials credentials) {
        return textInput(RelayEndpoint.EMBEDDINGS, model(root), root, body, credentials);
    }

    /** The model is optional, as on OpenAI; without one the request is routed and priced as OpenAI's default. */
    private RelayCall moderations(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = root.has("model") && !root.get("model").isNull() ? model(root) : DEFAULT_MODERATION_MODEL;
        return textInput(RelayEndpoint.MODERATIONS, model, root, body, credentials);
    }

    /** Embeddings and moderations: a required {@code input}, a string or a non-empty array. */
    private static RelayCall textInput(
            RelayEndpoint endpoint, String model, JsonNode root, byte[] body, ApiCredentials credentials) {
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw invalid("'input' is a required property", "input");
        }
        if (!input.isTextual() && !(input.isArray() && !input.isEmpty())) {
            throw invalid("'input' must be a string or a non-empty array", "input");
        }
        return new RelayCall(
                endpoint, credentials, model, false, false, null, textBytes(input), 0, body, () -> plainText(input));
    }

    private RelayCall rerank(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = model(root);
        JsonNode query = root.get("query");
        if (query == null || !query.isTextual() || query.textValue().isBlank()) {
            throw invalid("'query' must be a non-empty string", "query");
        }
        JsonNode documents = root.get("documents");
        if (documents == null || !documents.isArray() || documents.isEmpty()) {
            throw invalid("'documents' must be a non-empty array", "documents");
        }
        long bytes = Math.addExact(textBytes(query), textBytes(documents));
        return new RelayCall(
                RelayEndpoint.RERANK,
                credentials,
                model,
                false,
                false,
                null,
                bytes,
                0,
                body,
                () -> query.textValue() + "\n" + plainText(documents));
    }

    /**
     * The Responses API: {@code input} is a string or an array of input items (optional when the request continues
     * a stored response); {@code instructions} count as prompt too.
     */
    private RelayCall responses(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = model(root);
        JsonNode input = root.path("input");
        if (!input.isMissingNode() && !input.isNull() && !input.isTextual() && !input.isArray()) {
            throw invalid("'input' must be a string or an array of input items", "input");
        }
        JsonNode instructions = root.path("instructions");
        if (!instructions.isMissingNode() && !instructions.isNull() && !instructions.isTextual()) {
            throw invalid("'instructions' must be a string", "instructions");
        }
        boolean stream = optionalBoolean(root, "stream");
        checkSampling(root);
        Long maxTokens = outputLimit(root, "max_output_tokens");
        long bytes = PromptBound.of(root);
        int items = input.isArray() ? input.size() : 1;
        return new RelayCall(
                RelayEndpoint.RESPONSES,
                credentials,
                model,
                stream,
                false,
                maxTokens,
                bytes,
                items,
                body,
                () -> (instructions.isTextual() ? instructions.textValue() + "\n" : "")
                        + (input.isMissingNode() ? "" : plainText(input)));
    }

    /** OpenAI's default image model when the request names none. */
    static final String DEFAULT_IMAGE_MODEL = "dall-e-2";

    private RelayCall imageGeneration(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = root.has("model") && !root.get("model").isNull() ? model(root) : DEFAULT_IMAGE_MODEL;
        JsonNode prompt = root.get("prompt");
        if (prompt == null || !prompt.isTextual() || prompt.textValue().isBlank()) {
            throw invalid("'prompt' must be a non-empty string", "prompt");
        }
        long n = MultipartRequestParser.imageCount(optionalPositiveInt(root, "n"));
        return priced(RelayEndpoint.IMAGES_GENERATIONS, credentials, model, prompt, body, n);
    }

    /** Text to speech: priced per character of {@code input}. */
    private RelayCall speech(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = model(root);
        JsonNode input = root.get("input");
        if (input == null || !input.isTextual() || input.textValue().isEmpty()) {
            throw invalid("'input' must be a non-empty string", "input");
        }
        String text = input.textValue();
        long characters = text.codePointCount(0, text.length());
        if (characters > 4096) {
            throw invalid("'input' must be at most 4096 characters", "input");
        }
        return priced(RelayEndpoint.AUDIO_SPEECH, credentials, model, input, body, characters);
    }

    /** A request priced by {@code units} besides its one text field, {@code prompt}, which is the whole prompt. */
    private static RelayCall priced(
            RelayEndpoint endpoint,
            ApiCredentials credentials,
            String model,
            JsonNode prompt,
            byte[] body,
            long units) {
        return new RelayCall(
                endpoint,
                credentials,
                model,
                false,
                false,
                null,
                textBytes(prompt),
                0,
                body,
                prompt::textValue,
                "application/json",
                units,
                null,
                null);
    }

    public static RelayException invalid(String message, String param) {
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
