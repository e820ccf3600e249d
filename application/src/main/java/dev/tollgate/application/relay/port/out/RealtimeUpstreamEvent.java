package dev.tollgate.application.relay.port.out;

/**
 * A server event of a realtime session, read by the outbound adapter: the parts metering needs, and the text to
 * forward as it came.
 *
 * @param type            the event's {@code type}
 * @param responseId      the response it belongs to ({@code response.id} or {@code response_id}), or null
 * @param usage           {@code response.done}: the response's usage, or null when it reported none
 * @param responseStatus  {@code response.done}: {@code response.status} ({@code completed}, {@code cancelled},
 *                        {@code incomplete}, {@code failed}), or null
 * @param textDelta       a text or transcript delta's text, or null
 * @param audioDeltaBytes an audio delta's decoded size in bytes, or 0
 * @param text            the message as the upstream sent it
 */
public record RealtimeUpstreamEvent(
        String type,
        String responseId,
        RealtimeUsage usage,
        String responseStatus,
        String textDelta,
        long audioDeltaBytes,
        String text) {}
