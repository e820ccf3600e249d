package dev.tollgate.application.upstream.port.out;

/**
 * The answer of one attempt, open until closed. Closing it releases the connection (and aborts an unfinished
 * stream).
 */
public interface UpstreamChatResponse extends AutoCloseable {
    /** The upstream HTTP status. */
    int status();

    /** True when the status is 2xx and the answer is an SSE stream. */
    boolean streaming();

    /** For a non-2xx status: the upstream's error body (read fully, at most 64 KiB). */
    byte[] errorBody() throws UpstreamException;

    /** For a 2xx non-streamed answer: the whole answer. */
    CompletedChat completed() throws UpstreamException;

    /**
     * For a 2xx stream: the next event, or {@code null} when the stream ended normally ({@code [DONE]} or end of
     * body after at least one event). Throws when the stream broke or a read timed out.
     */
    StreamChunk nextChunk() throws UpstreamException;

    /**
     * How long the provider asked to wait before trying again ({@code Retry-After}, in seconds), with a 429 or 503;
     * null when it said nothing.
     */
    default Long retryAfterSeconds() {
        return null;
    }

    /** The answer's media type as the provider sent it ({@code application/json} when it sent none). */
    String contentType();

    /**
     * For a 2xx binary answer (speech audio): the next piece of the body as it arrives, or null at its end. Throws
     * when the body broke or a read timed out.
     */
    byte[] nextBytes() throws UpstreamException;

    @Override
    void close();
}
