package dev.tollgate.application.relay.service;

import java.time.Duration;

/**
 * Limits and metering bounds of realtime sessions.
 *
 * @param maxSessionsPerKey          sessions one API key may have open at once on this node
 * @param maxSessionsPerOrganization sessions the keys of one organisation may have open at once on this node
 * @param idleTimeout                a session without any event either way for this long is ended
 * @param maxSessionDuration         a session open for this long is ended
 * @param maxMessageBytes            the largest client message (a larger one ends the session)
 * @param inputTokensPerResponse     the input tokens (text and audio) one response is held for: its bounded worst
 *                                   case, the most context the model reads for one response
 * @param outputTokensPerResponse    the output tokens one response is held for and limited to
 *                                   ({@code response.max_output_tokens} is set to it, or lower)
 * @param audioBytesPerOutputToken   to charge the audio a response delivered before the session broke off without
 *                                   reporting usage: bytes of delivered audio (PCM16, 24 kHz) per output token
 */
public record RealtimeSettings(
        int maxSessionsPerKey,
        int maxSessionsPerOrganization,
        Duration idleTimeout,
        Duration maxSessionDuration,
        long maxMessageBytes,
        long inputTokensPerResponse,
        long outputTokensPerResponse,
        long audioBytesPerOutputToken) {
    /** A realtime model's audio tokens are priced by the price of the model's name followed by this suffix. */
    public static final String AUDIO_PRICE_SUFFIX = ":audio";

    public RealtimeSettings {
        if (maxSessionsPerKey < 1
                || maxSessionsPerOrganization < 1
                || maxMessageBytes < 1
                || inputTokensPerResponse < 1
                || outputTokensPerResponse < 1
                || audioBytesPerOutputToken < 1
                || idleTimeout.isNegative()
                || idleTimeout.isZero()
                || maxSessionDuration.isNegative()
                || maxSessionDuration.isZero()) {
            throw new IllegalArgumentException("realtime limits must be positive");
        }
    }

    /** The price entry of a realtime model's audio tokens. */
    public static String audioPriceOf(String model) {
        return model + AUDIO_PRICE_SUFFIX;
    }
}
