package dev.tollgate.adapter.out.provider.fetch;

import java.util.Objects;

/**
 * A user-supplied URL was not fetched, or its fetch failed. The message is written for the API client and can be
 * returned to it as is: it never names a resolved address or any other internal detail.
 */
public class FetchRefusedException extends RuntimeException {
    /** Why the URL was not fetched; lets a caller pick a status (bad request versus upstream failure). */
    public enum Reason {
        /** Not an absolute http or https URL with a host. */
        INVALID_URL,
        /** The host (or a redirect target's host) is or resolves to a loopback, private or other internal address. */
        FORBIDDEN_ADDRESS,
        /** The host name did not resolve. */
        UNRESOLVABLE_HOST,
        /** More redirects than allowed. */
        TOO_MANY_REDIRECTS,
        /** The body is larger than allowed. */
        TOO_LARGE,
        /** The whole fetch took longer than allowed. */
        TIMEOUT,
        /** The server could not be reached, answered with an error status or with a malformed answer. */
        FETCH_FAILED
    }

    private final Reason reason;

    public FetchRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public FetchRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
