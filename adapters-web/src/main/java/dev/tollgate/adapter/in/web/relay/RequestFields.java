package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * The request fields every OpenAI endpoint shares, read and checked the way OpenAI does (types and ranges): model,
 * stream flags, output limits, choices, sampling settings; and the prompt's text and size bound.
 */
final class RequestFields {
    private RequestFields() {}

    static String model(JsonNode root) {
        JsonNode model = root.get("model");
        if (model == null || model.isNull()) {
            throw RelayRequestParser.invalid("you must provide a model parameter", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw RelayRequestParser.invalid("'model' must be a non-empty string", "model");
        }
        return model.asText();
    }

    record StreamFlags(boolean stream, boolean includeUsage) {}

    static StreamFlags streamFlags(JsonNode root) {
        boolean stream = optionalBoolean(root, "stream");
        JsonNode streamOptions = root.get("stream_options");
        boolean includeUsage = false;
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw RelayRequestParser.invalid("'stream_options' must be an object", "stream_options");
            }
            includeUsage = optionalBoolean(streamOptions, "include_usage");
        }
        return new StreamFlags(stream, includeUsage);
    }

    /** The output-token limit: the larger of {@code max_completion_tokens} and {@code max_tokens} when both are sent. */
    static Long maxTokens(JsonNode root) {
        Long completion = outputLimit(root, "max_completion_tokens");
        Long legacy = outputLimit(root, "max_tokens");
        if (completion == null || legacy == null) {
            return completion == null ? legacy : completion;
        }
        return Math.max(completion, legacy);
    }

    static Long outputLimit(JsonNode root, String field) {
        Long limit = optionalPositiveInt(root, field);
        if (limit != null && limit > RelayRequestParser.MAX_OUTPUT_TOKENS) {
            throw RelayRequestParser.invalid(
                    "Invalid '" + field + "': integer above maximum value. Expected a value <= "
                            + RelayRequestParser.MAX_OUTPUT_TOKENS + ", but got " + limit + " instead.",
                    field);
        }
        return limit;
    }

    /** How many answers the request asks for ({@code n}, 1 to {@value RelayRequestParser#MAX_CHOICES}); each is paid for. */
    static long choices(JsonNode root) {
        Long n = optionalPositiveInt(root, "n");
        if (n == null) {
            return 1;
        }
        if (n > RelayRequestParser.MAX_CHOICES) {
            throw RelayRequestParser.invalid(
                    "Invalid 'n': integer above maximum value. Expected a value <= " + RelayRequestParser.MAX_CHOICES
                            + ", but got " + n + " instead.",
                    "n");
        }
        return n;
    }

    /** The sampling settings, typed and in range as OpenAI accepts them; refused before anything is sent. */
    static void checkSampling(JsonNode root) {
        number(root, "temperature", 0, 2);
        number(root, "top_p", 0, 1);
        number(root, "presence_penalty", -2, 2);
        number(root, "frequency_penalty", -2, 2);
        JsonNode topLogprobs = root.get("top_logprobs");
        if (topLogprobs != null
                && !topLogprobs.isNull()
                && (!topLogprobs.isIntegralNumber() || topLogprobs.asLong() < 0 || topLogprobs.asLong() > 20)) {
            throw RelayRequestParser.invalid(
                    "Invalid 'top_logprobs': expected an integer between 0 and 20.", "top_logprobs");
        }
        JsonNode seed = root.get("seed");
        if (seed != null && !seed.isNull() && !(seed.isIntegralNumber() && seed.canConvertToLong())) {
            throw RelayRequestParser.invalid("Invalid type for 'seed': expected an integer.", "seed");
        }
        JsonNode stop = root.get("stop");
        if (stop != null && !stop.isNull() && !stop.isTextual()) {
            boolean strings = stop.isArray() && stop.size() <= 4;
            for (JsonNode s : stop) {
                strings &= s.isTextual();
            }
            if (!strings) {
                throw RelayRequestParser.invalid(
                        "Invalid 'stop': expected a string or an array of at most 4 strings.", "stop");
            }
        }
    }

    static void number(JsonNode root, String field, double min, double max) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isNumber()) {
            throw RelayRequestParser.invalid(
                    "Invalid type for '" + field + "': expected a decimal, but got "
                            + (v.isTextual()
                                    ? "a string"
                                    : v.isBoolean() ? "a boolean" : v.isArray() ? "an array" : "an object")
                            + " instead.",
                    field);
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            throw RelayRequestParser.invalid(
                    "Invalid '" + field + "': expected a value between " + format(min) + " and " + format(max)
                            + ", but got " + v.asText() + " instead.",
                    field);
        }
    }

    static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Every string in a prompt or input, one per line (token-id arrays carry no text). */
    static String plainText(JsonNode node) {
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

    static boolean optionalBoolean(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw RelayRequestParser.invalid("'" + field + "' must be a boolean", field);
        }
        return v.booleanValue();
    }

    static Long optionalPositiveInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
            throw RelayRequestParser.invalid("'" + field + "' must be a positive integer", field);
        }
        return v.longValue();
    }

    /** The text the model reads: every message's content (string or text parts) and name, one per line. */
    static String promptText(JsonNode messages) {
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
    static long textBytes(JsonNode node) {
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
}
