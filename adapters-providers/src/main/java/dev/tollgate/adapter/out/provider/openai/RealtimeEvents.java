package dev.tollgate.adapter.out.provider.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.out.RealtimeUpstreamEvent;
import dev.tollgate.application.relay.port.out.RealtimeUsage;
import java.io.IOException;
import java.util.Set;

/**
 * Reads what metering needs from a realtime server event, in one streaming pass over its top level (an audio delta's
 * base64 is measured, not decoded): {@code type}, the response's id, and for {@code response.done} the response's
 * status and usage (beta and GA event names alike).
 */
final class RealtimeEvents {
    private static final Set<String> TEXT_DELTAS = Set.of(
            "response.text.delta",
            "response.output_text.delta",
            "response.audio_transcript.delta",
            "response.output_audio_transcript.delta");
    private static final Set<String> AUDIO_DELTAS = Set.of("response.audio.delta", "response.output_audio.delta");

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = mapper.getFactory();

    RealtimeUpstreamEvent read(String text) {
        String type = null;
        String responseId = null;
        JsonNode response = null;
        String delta = null;
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new RealtimeUpstreamEvent(null, null, null, null, null, 0, text);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "response_id" -> responseId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "delta" -> delta = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "response" -> {
                        if (value == JsonToken.START_OBJECT) {
                            response = mapper.readTree(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return new RealtimeUpstreamEvent(type, responseId, null, null, null, 0, text);
        }
        if (response != null && response.path("id").isTextual()) {
            responseId = response.path("id").asText();
        }
        RealtimeUsage usage = null;
        String status = null;
        if ("response.done".equals(type) && response != null) {
            status = response.path("status").isTextual()
                    ? response.path("status").asText()
                    : null;
            usage = usage(response.path("usage"));
        }
        String textDelta = TEXT_DELTAS.contains(type) ? delta : null;
        long audioBytes = AUDIO_DELTAS.contains(type) && delta != null ? base64Bytes(delta) : 0;
        return new RealtimeUpstreamEvent(type, responseId, usage, status, textDelta, audioBytes, text);
    }

    /** A response's usage; null when it has none. */
    static RealtimeUsage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        long input = usage.path("input_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        JsonNode in = usage.path("input_token_details");
        JsonNode out = usage.path("output_token_details");
        long inputText = in.has("text_tokens") ? in.path("text_tokens").asLong(0) : input;
        long inputAudio = in.path("audio_tokens").asLong(0);
        long cached = in.path("cached_tokens").asLong(0);
        JsonNode cachedDetails = in.path("cached_tokens_details");
        long cachedText;
        long cachedAudio;
        if (cachedDetails.isObject()) {
            cachedText = cachedDetails.path("text_tokens").asLong(0);
            cachedAudio = cachedDetails.path("audio_tokens").asLong(0);
        } else {
            // no split given: the cache serves text first
            cachedText = Math.min(cached, inputText);
            cachedAudio = Math.min(cached - cachedText, inputAudio);
        }
        long outputText = out.has("text_tokens") ? out.path("text_tokens").asLong(0) : output;
        long outputAudio = out.path("audio_tokens").asLong(0);
        return new RealtimeUsage(inputText, cachedText, inputAudio, cachedAudio, outputText, outputAudio);
    }

    /** The decoded size of a base64 string, without decoding it. */
    static long base64Bytes(String base64) {
        int length = base64.length();
        int padding = 0;
        while (padding < 2 && length - padding > 0 && base64.charAt(length - padding - 1) == '=') {
            padding++;
        }
        return (long) length / 4 * 3 + (length % 4 == 0 ? 0 : Math.max(0, length % 4 - 1)) - padding;
    }
}
