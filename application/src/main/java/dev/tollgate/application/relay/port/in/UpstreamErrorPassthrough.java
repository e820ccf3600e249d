package dev.tollgate.application.relay.port.in;

/**
 * The upstream refused the request itself (a 4xx other than 429): its status and body go back to the client
 * unchanged, and nothing is charged.
 */
public class UpstreamErrorPassthrough extends RuntimeException {
    private final int status;
    private final transient byte[] body;

    public UpstreamErrorPassthrough(int status, byte[] body) {
        super("upstream refused the request with status " + status);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }
}
