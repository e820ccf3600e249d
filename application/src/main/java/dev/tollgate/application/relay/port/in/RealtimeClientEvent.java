package dev.tollgate.application.relay.port.in;

/**
 * A client event of a realtime session, read by the inbound adapter: its {@code type}, its text as sent, and for
 * {@code response.create} the response's output-token limit.
 */
public interface RealtimeClientEvent {
    /** The event's {@code type} ({@code null} when it has none or is not JSON: it is forwarded as it is). */
    String type();

    /** The message as the client sent it. */
    String text();

    /** {@code response.create}: {@code response.max_output_tokens} when a number; {@code null} when absent or "inf". */
    Long maxOutputTokens();

    /** The message with {@code response.max_output_tokens} set to {@code limit}. */
    String withMaxOutputTokens(long limit);
}
