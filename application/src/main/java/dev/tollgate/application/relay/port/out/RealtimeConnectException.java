package dev.tollgate.application.relay.port.out;

/**
 * A realtime upstream session could not be opened, or its connection broke.
 *
 * @see RealtimeUpstreamPort
 */
public class RealtimeConnectException extends Exception {
    private final int upstreamStatus;

    /** @param upstreamStatus the handshake's HTTP status when the upstream answered one, else 0 */
    public RealtimeConnectException(int upstreamStatus, String message, Throwable cause) {
        super(message, cause);
        this.upstreamStatus = upstreamStatus;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }
}
