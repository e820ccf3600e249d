package dev.tollgate.application.upstream.port.out;

import java.util.function.Supplier;

/**
 * A complete (non-streamed) successful answer.
 *
 * @param body        the answer to send to the client (JSON with the model name restored to the one the client asked
 *                    for, or the provider's text/subtitle format as is)
 * @param usage       the usage reported, or {@code null} when the upstream reported none
 * @param lazyText    the generated text (content, reasoning, tool-call arguments, a transcript), counted when usage
 *                    is missing, shown by a channel test: read from the answer only when asked for
 * @param contentType the answer's media type as the provider sent it
 * @param images      images generated (the entries of an images answer's {@code data})
 * @param audioSeconds the duration of transcribed audio the answer states ({@code duration}), or 0
 * @param nativeFormat the body is in the client's own protocol (a {@link UpstreamChatRequest#nativeRequest()} was
 *                     sent as is): it goes back unconverted
 */
public record CompletedChat(
        byte[] body,
        Usage usage,
        Supplier<String> lazyText,
        String contentType,
        long images,
        long audioSeconds,
        boolean nativeFormat) {
    public CompletedChat(
            byte[] body,
            Usage usage,
            String text,
            String contentType,
            long images,
            long audioSeconds,
            boolean nativeFormat) {
        this(body, usage, () -> text, contentType, images, audioSeconds, nativeFormat);
    }

    public CompletedChat(byte[] body, Usage usage, String text) {
        this(body, usage, text, "application/json", 0, 0, false);
    }

    public CompletedChat(byte[] body, Usage usage, String text, String contentType, long images, long audioSeconds) {
        this(body, usage, text, contentType, images, audioSeconds, false);
    }

    /** The generated text; an adapter may find it only when asked (the relay asks only when usage is missing). */
    public String text() {
        return lazyText.get();
    }
}
