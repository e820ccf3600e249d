package dev.tollgate.application.relay.port.out;

/** An attempt failed below HTTP: no connection, a timeout, a broken or malformed stream. */
public class UpstreamException extends Exception {
    /** What went wrong. */
    public enum Kind { CONNECT, TIMEOUT, BROKEN }

    private final Kind kind;

    public UpstreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
