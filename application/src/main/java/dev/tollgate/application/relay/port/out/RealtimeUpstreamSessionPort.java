package dev.tollgate.application.relay.port.out;

/** One upstream realtime session. */
public interface RealtimeUpstreamSessionPort {
    /** Starts delivering the upstream's events to the listener, one at a time. */
    void start();

    /**
     * Sends one whole text message; returns once it is handed to the connection.
     *
     * @throws RealtimeConnectException when the connection is broken
     */
    void send(String text) throws RealtimeConnectException;

    /** Closes the session (nothing happens when it is closed already). */
    void close(int code, String reason);
}
