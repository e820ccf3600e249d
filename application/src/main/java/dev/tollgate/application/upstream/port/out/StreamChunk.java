package dev.tollgate.application.upstream.port.out;

/**
 * One server-sent event of an upstream stream.
 *
 * @param data      the event's data (the JSON after {@code data: }), with the model name restored to the one the
 *                  client asked for; never the {@code [DONE]} marker
 * @param usage     the usage the chunk carries, or {@code null}
 * @param usageOnly the chunk carries usage and no choices (the extra chunk {@code include_usage} adds)
 * @param text      generated text in this chunk (content, reasoning, tool arguments), counted when an upstream
 *                  never reports usage (a stream that broke)
 * @param event     the SSE event name to send with the data (the Responses API names every event), or null
 * @param comment   a comment line between events (a keep-alive, e.g. OpenRouter's {@code : OPENROUTER PROCESSING});
 *                  {@code data} is its text without the leading colon
 */
public record StreamChunk(byte[] data, Usage usage, boolean usageOnly, String text, String event, boolean comment) {
    public StreamChunk(byte[] data, Usage usage, boolean usageOnly, String text, String event) {
        this(data, usage, usageOnly, text, event, false);
    }

    public StreamChunk(byte[] data, Usage usage, boolean usageOnly, String text) {
        this(data, usage, usageOnly, text, null, false);
    }

    /** A comment line of the upstream's stream. */
    public static StreamChunk comment(byte[] text) {
        return new StreamChunk(text, null, false, "", null, true);
    }
}
