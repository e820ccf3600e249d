package dev.tollgate.application.relay.port.in;

/**
 * Where the relay writes its answer; implemented by the web adapter over the client's connection. Every method
 * throws {@link ClientGoneException} when the client has gone.
 */
public interface RelaySink {
    /** A complete JSON answer with this status. */
    void sendJson(int status, byte[] body);

    /** Starts an SSE answer (status 200, {@code text/event-stream}). */
    void startStream();

    /** One SSE event {@code data: <data>}, flushed at once. */
    void sendEvent(byte[] data);

    /** One named SSE event {@code event: <event>} + {@code data: <data>}, flushed at once. */
    void sendNamedEvent(String event, byte[] data);

    /** The final {@code data: [DONE]} event; ends the answer. */
    void sendDone();
}
