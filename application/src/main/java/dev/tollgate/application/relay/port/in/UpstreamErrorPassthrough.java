package dev.tollgate.application.relay.port.in;

/**
 * The upstream refused the request itself (a 4xx other than 401/402/403 and 429): its status goes back to the client
 * with the provider's error type and message (cleaned of keys, URLs and addresses by the web adapter), and nothing is
 * charged.
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
