package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.common.MultipartForm;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
    /** Reads request bodies; a key given twice in one object is refused (which value would the provider use?). */
    private final ObjectReader reader;

    RelayRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** Checks and reads a request of any endpoint; {@code contentType} matters only for multipart endpoints. */
    RelayCall parse(RelayEndpoint endpoint, byte[] body, String contentType, ApiCredentials credentials) {
        if (endpoint.multipart()) {
            return multipart(endpoint, body, contentType, credentials);
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

    private static String model(JsonNode root) {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw invalid("you must provide a model parameter", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw invalid("'model' must be a non-empty string", "model");
        }
        return model.asText();
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
        StreamFlags flags = streamFlags(root);
        checkSampling(root);
        return new RelayCall(
                RelayEndpoint.CHAT_COMPLETIONS,
                credentials,
                model,
                flags.stream(),
                flags.includeUsage(),
                maxTokens(root),
                PromptBound.of(root),
                messages.size(),
                body,
                () -> promptText(messages),
                "application/json",
                choices(root));
    }

    private RelayCall completion(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = model(root);
        JsonNode prompt = root.path("prompt");
        if (!prompt.isMissingNode() && !prompt.isNull() && !prompt.isTextual() && !prompt.isArray()) {
            throw invalid("'prompt' must be a string, an array of strings or an array of token ids", "prompt");
        }
        StreamFlags flags = streamFlags(root);
        checkSampling(root);
        return new RelayCall(
                RelayEndpoint.COMPLETIONS,
                credentials,
                model,
                flags.stream(),
                flags.includeUsage(),
                maxTokens(root),
                PromptBound.of(root),
                0,
                body,
                () -> plainText(prompt),
                "application/json",
                choices(root));
    }

    private RelayCall embeddings(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = model(root);
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw invalid("'input' is a required property", "input");
        }
        if (!input.isTextual() && !(input.isArray() && !input.isEmpty())) {
            throw invalid("'input' must be a string or a non-empty array", "input");
        }
        return new RelayCall(
                RelayEndpoint.EMBEDDINGS,
                credentials,
                model,
                false,
                false,
                null,
                textBytes(input),
                0,
                body,
                () -> plainText(input));
    }

    /** The model is optional, as on OpenAI; without one the request is routed and priced as OpenAI's default. */
    private RelayCall moderations(JsonNode root, byte[] body, ApiCredentials credentials) {
        String model = root.has("model") && !root.get("model").isNull() ? model(root) : DEFAULT_MODERATION_MODEL;
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) {
            throw invalid("'input' is a required property", "input");
        }
        if (!input.isTextual() && !(input.isArray() && !input.isEmpty())) {
            throw invalid("'input' must be a string or a non-empty array", "input");
        }
        return new RelayCall(
                RelayEndpoint.MODERATIONS,
                credentials,
                model,
                false,
                false,
                null,
                textBytes(input),
                0,
                body,
                () -> plainText(input));
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
        long n = imageCount(optionalPositiveInt(root, "n"));
        return new RelayCall(
                RelayEndpoint.IMAGES_GENERATIONS,
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
                n);
    }

    private static long imageCount(Long n) {
        if (n == null) {
            return 1;
        }
        if (n > 10) {
            throw invalid("'n' must be between 1 and 10", "n");
        }
        return n;
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
        return new RelayCall(
                RelayEndpoint.AUDIO_SPEECH,
                credentials,
                model,
                false,
                false,
                null,
                textBytes(input),
                0,
                body,
                () -> text,
                "application/json",
                characters);
    }

    /**
     * Image edits and variations, audio transcriptions and translations: a multipart form, forwarded as is. The
     * seconds of audio are bounded from the file size (at least 1,000 bytes per second: 8 kbit/s, below any codec
     * the providers accept for speech), so that the reservation covers the longest audio the file can hold.
     */
    private RelayCall multipart(RelayEndpoint endpoint, byte[] body, String contentType, ApiCredentials credentials) {
        String boundary = MultipartForm.boundary(contentType);
        if (boundary == null) {
            throw invalid("this endpoint takes multipart/form-data with a boundary", null);
        }
        MultipartForm form;
        try {
            form = MultipartForm.parse(body, boundary);
        } catch (IllegalArgumentException e) {
            throw invalid("the form could not be read: " + e.getMessage(), null);
        }
        String model = form.fields().get("model");
        if (model == null || model.isBlank()) {
            if (endpoint.images()) {
                model = DEFAULT_IMAGE_MODEL;
            } else {
                throw invalid("you must provide a model parameter", "model");
            }
        }
        String prompt = form.fields().getOrDefault("prompt", "");
        long promptBytes = prompt.getBytes(StandardCharsets.UTF_8).length;
        long units;
        if (endpoint.images()) {
            if (form.fileParts().keySet().stream().noneMatch(n -> n.equals("image") || n.equals("image[]"))) {
                throw invalid("'image' is a required file", "image");
            }
            if (endpoint == RelayEndpoint.IMAGES_EDITS && prompt.isBlank()) {
                throw invalid("'prompt' is a required property", "prompt");
            }
            Long n;
            try {
                n = form.fields().containsKey("n")
                        ? Long.valueOf(form.fields().get("n").trim())
                        : null;
            } catch (NumberFormatException e) {
                throw invalid("'n' must be an integer", "n");
            }
            if (n != null && n < 1) {
                throw invalid("'n' must be between 1 and 10", "n");
            }
            units = imageCount(n);
        } else {
            Long fileBytes = form.fileParts().get("file");
            if (fileBytes == null || fileBytes == 0) {
                throw invalid("'file' is a required audio file", "file");
            }
            units = Math.max(1, Math.ceilDiv(fileBytes, 1_000L));
        }
        final String text = prompt;
        return new RelayCall(
                endpoint, credentials, model, false, false, null, promptBytes, 0, body, () -> text, contentType, units);
    }

    private record StreamFlags(boolean stream, boolean includeUsage) {}

    private static StreamFlags streamFlags(JsonNode root) {
        boolean stream = optionalBoolean(root, "stream");
        JsonNode streamOptions = root.get("stream_options");
        boolean includeUsage = false;
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw invalid("'stream_options' must be an object", "stream_options");
            }
            includeUsage = optionalBoolean(streamOptions, "include_usage");
        }
        return new StreamFlags(stream, includeUsage);
    }

    /** The output-token limit: the larger of {@code max_completion_tokens} and {@code max_tokens} when both are sent. */
    private static Long maxTokens(JsonNode root) {
        Long completion = outputLimit(root, "max_completion_tokens");
        Long legacy = outputLimit(root, "max_tokens");
        if (completion == null || legacy == null) {
            return completion == null ? legacy : completion;
        }
        return Math.max(completion, legacy);
    }

    private static Long outputLimit(JsonNode root, String field) {
        Long limit = optionalPositiveInt(root, field);
        if (limit != null && limit > MAX_OUTPUT_TOKENS) {
            throw invalid(
                    "Invalid '" + field + "': integer above maximum value. Expected a value <= " + MAX_OUTPUT_TOKENS
                            + ", but got " + limit + " instead.",
                    field);
        }
        return limit;
    }

    /** How many answers the request asks for ({@code n}, 1 to {@value #MAX_CHOICES}); each is paid for. */
    private static long choices(JsonNode root) {
        Long n = optionalPositiveInt(root, "n");
        if (n == null) {
            return 1;
        }
        if (n > MAX_CHOICES) {
            throw invalid(
                    "Invalid 'n': integer above maximum value. Expected a value <= " + MAX_CHOICES + ", but got " + n
                            + " instead.",
                    "n");
        }
        return n;
    }

    /** The sampling settings, typed and in range as OpenAI accepts them; refused before anything is sent. */
    private static void checkSampling(JsonNode root) {
        number(root, "temperature", 0, 2);
        number(root, "top_p", 0, 1);
        number(root, "presence_penalty", -2, 2);
        number(root, "frequency_penalty", -2, 2);
        JsonNode topLogprobs = root.get("top_logprobs");
        if (topLogprobs != null
                && !topLogprobs.isNull()
                && (!topLogprobs.isIntegralNumber() || topLogprobs.asLong() < 0 || topLogprobs.asLong() > 20)) {
            throw invalid("Invalid 'top_logprobs': expected an integer between 0 and 20.", "top_logprobs");
        }
        JsonNode seed = root.get("seed");
        if (seed != null && !seed.isNull() && !(seed.isIntegralNumber() && seed.canConvertToLong())) {
            throw invalid("Invalid type for 'seed': expected an integer.", "seed");
        }
        JsonNode stop = root.get("stop");
        if (stop != null && !stop.isNull() && !stop.isTextual()) {
            boolean strings = stop.isArray() && stop.size() <= 4;
            for (JsonNode s : stop) {
                strings &= s.isTextual();
            }
            if (!strings) {
                throw invalid("Invalid 'stop': expected a string or an array of at most 4 strings.", "stop");
            }
        }
    }

    private static void number(JsonNode root, String field, double min, double max) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isNumber()) {
            throw invalid(
                    "Invalid type for '" + field + "': expected a decimal, but got "
                            + (v.isTextual()
                                    ? "a string"
                                    : v.isBoolean() ? "a boolean" : v.isArray() ? "an array" : "an object")
                            + " instead.",
                    field);
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            throw invalid(
                    "Invalid '" + field + "': expected a value between " + format(min) + " and " + format(max)
                            + ", but got " + v.asText() + " instead.",
                    field);
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Every string in a prompt or input, one per line (token-id arrays carry no text). */
    private static String plainText(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode child : node) {
            String part = plainText(child);
            if (!part.isEmpty()) {
                text.append(part).append('\n');
            }
        }
        return text.toString();
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

    /** UTF-8 bytes of every string plus one per number (a token id): an upper bound of the prompt's tokens. */
    private static long textBytes(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (node.isNumber()) {
            return 1;
        }
        long total = 0;
        for (JsonNode child : node) {
            total = Math.addExact(total, textBytes(child));
        }
        return total;
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
