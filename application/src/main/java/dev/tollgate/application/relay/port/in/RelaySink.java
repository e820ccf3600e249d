package dev.tollgate.application.relay.port.in;

import java.util.function.Supplier;

/**
 * Where the relay writes its answer; implemented by the web adapter over the client's connection. Every method
 * throws {@link ClientGoneException} when the client has gone.
 */
public interface RelaySink {
    /** A complete JSON answer with this status. */
    void sendJson(int status, byte[] body);

    /** A complete answer of another media type (a transcript as text or subtitles). */
    void sendBody(int status, String contentType, byte[] body);

    /** Starts a binary answer of this media type (speech audio), status 200. */
    void startBinary(String contentType);

    /** A piece of a binary answer, flushed at once. */
    void sendBytes(byte[] bytes);

    /** Starts an SSE answer (status 200, {@code text/event-stream}). */
    void startStream();

    /** One SSE event {@code data: <data>}, flushed at once. */
    void sendEvent(byte[] data);

    /** One named SSE event {@code event: <event>} + {@code data: <data>}, flushed at once. */
    void sendNamedEvent(String event, byte[] data);

    /** A comment line {@code :<text>} (a keep-alive), flushed at once. */
    void sendComment(byte[] text);

    /** The final {@code data: [DONE]} event; ends the answer. */
    void sendDone();

    /**
     * The channel an attempt goes to, told before its answer is written (a later attempt, after a failure, tells
     * again): for sinks that keep what answered (stored responses). Nothing by default.
     */
    default void attempting(String channelId, String channelType) {}

    /**
     * As {@link #attempting(String, String)}, with the fingerprint of the channel key the attempt uses (SHA-256,
     * computed only when asked; never the key itself): for sinks that must later call the same channel with the same
     * key (a stored response read back from its channel).
     */
    default void attempting(String channelId, String channelType, Supplier<String> keyFingerprint) {
        attempting(channelId, channelType);
    }
}
