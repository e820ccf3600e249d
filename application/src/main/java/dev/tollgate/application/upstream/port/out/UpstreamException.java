package dev.tollgate.application.upstream.port.out;

/**
 * An attempt failed below HTTP: no connection, a timeout, a broken or malformed stream — or the request could not be
 * sent to this kind of channel at all ({@link Kind#REFUSED}: the client's request is at fault, e.g. an image URL that
 * points into a private network, or content the channel's protocol cannot carry).
 */
public class UpstreamException extends Exception {
    /** What went wrong. */
    public enum Kind {
        CONNECT,
        TIMEOUT,
        BROKEN,
        REFUSED
    }

    private final Kind kind;

    public UpstreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
