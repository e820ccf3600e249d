package dev.tollgate.application.relay.port.in;

import java.util.function.LongFunction;

/**
 * A realtime client event, read by the inbound adapter.
 *
 * @param type            the event's {@code type} ({@code null} when it has none or is not JSON: it is forwarded as
 *                        it is)
 * @param text            the message as the client sent it
 * @param maxOutputTokens {@code response.create}: {@code response.max_output_tokens} when a number; {@code null}
 *                        when absent or "inf"
 * @param withLimit       the message with {@code response.max_output_tokens} set to the given limit
 */
public record RealtimeClientEvent(String type, String text, Long maxOutputTokens, LongFunction<String> withLimit) {
    /** The message with {@code response.max_output_tokens} set to {@code limit}. */
    public String withMaxOutputTokens(long limit) {
        return withLimit.apply(limit);
    }
}
