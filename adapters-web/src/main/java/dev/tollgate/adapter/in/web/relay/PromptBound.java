package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * An upper bound of the input tokens a JSON request can be billed for, so that the hold taken before the call covers
 * what the provider will report: every string and field name the model reads counts one token per UTF-8 byte (no
 * tokenizer makes more tokens than bytes), a number one token — messages, tools and functions with their schemas,
 * {@code response_format}, {@code prediction}, instructions alike — except what is not read as text: an image counts
 * {@value #IMAGE_INPUT_TOKENS_BOUND} tokens whatever its size, inline audio {@value #AUDIO_TOKENS_PER_SECOND_BOUND}
 * per second of the longest audio its bytes can hold, and settings that are no input (model, sampling, limits) count
 * nothing.
 */
final class PromptBound {
    /** Tokens of one input image at most (OpenAI's patch-based models stop at 1,536 patches × 1.62; tiles far less). */
    static final long IMAGE_INPUT_TOKENS_BOUND = 6_000;
    /** Input tokens per second of audio at most (gpt-4o audio counts about 10). */
    static final long AUDIO_TOKENS_PER_SECOND_BOUND = 25;
    /** Audio bytes per second at least (8 kbit/s: below any codec the providers accept for speech). */
    private static final long AUDIO_BYTES_PER_SECOND = 1_000;
    /**
     * Tokens a stored conversation may bring along ({@code previous_response_id}, {@code conversation}): the largest
     * context window a provider offers, since Tollgate cannot see what is stored.
     */
    static final long STORED_CONTEXT_TOKENS_BOUND = 1_048_576;

    /** Top-level settings that are not read by the model as input. */
    private static final Set<String> NOT_INPUT = Set.of(
            "model",
            "stream",
            "stream_options",
            "n",
            "max_tokens",
            "max_completion_tokens",
            "max_output_tokens",
            "temperature",
            "top_p",
            "presence_penalty",
            "frequency_penalty",
            "logit_bias",
            "logprobs",
            "top_logprobs",
            "seed",
            "user",
            "store",
            "metadata",
            "service_tier",
            "parallel_tool_calls",
            "reasoning_effort",
            "reasoning",
            "modalities",
            "audio",
            "background",
            "truncation",
            "include",
            "previous_response_id",
            "conversation",
            "prompt_cache_key",
            "safety_identifier",
            "encoding_format",
            "dimensions",
            "size",
            "quality",
            "style",
            "response_format_type",
            "voice",
            "speed");

    private PromptBound() {}

    /** The bound of a whole request body (an object). */
    static long of(JsonNode root) {
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!NOT_INPUT.contains(field.getKey())) {
                total = Math.addExact(total, Math.addExact(bytes(field.getKey()), node(field.getValue())));
            }
        }
        if (root.hasNonNull("previous_response_id") || root.hasNonNull("conversation")) {
            total = Math.addExact(total, STORED_CONTEXT_TOKENS_BOUND);
        }
        return total;
    }

    private static long node(JsonNode node) {
        if (node.isTextual()) {
            return bytes(node.textValue());
        }
        if (node.isNumber() || node.isBoolean()) {
            return 1;
        }
        if (node.isObject()) {
            Long media = media(node);
            if (media != null) {
                return media;
            }
            long total = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                total = Math.addExact(total, Math.addExact(bytes(field.getKey()), node(field.getValue())));
            }
            return total;
        }
        long total = 0;
        for (JsonNode child : node) {
            total = Math.addExact(total, node(child));
        }
        return total;
    }

    /**
     * A content part that is not text: an image (chat's {@code image_url}, Responses' {@code input_image}) or inline
     * audio ({@code input_audio}); null for anything else.
     */
    private static Long media(JsonNode part) {
        String type = part.path("type").asText("");
        if (type.equals("image_url") || type.equals("input_image") || type.equals("image")) {
            return IMAGE_INPUT_TOKENS_BOUND;
        }
        if (type.equals("input_audio")) {
            JsonNode audio = part.path("input_audio");
            long base64 = audio.path("data").isTextual()
                    ? audio.path("data").textValue().length()
                    : 0;
            long seconds = Math.max(1, Math.ceilDiv(base64 * 3 / 4, AUDIO_BYTES_PER_SECOND));
            return Math.multiplyExact(seconds, AUDIO_TOKENS_PER_SECOND_BOUND);
        }
        return null;
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
