package dev.tollgate.application.common;

/** An admin API action done too often; {@code code} names the limit, retry after {@code retryAfterSeconds}. */
public class RateLimitedException extends RuntimeException {
    private final String code;
    private final long retryAfterSeconds;

    public RateLimitedException(String code, long retryAfterSeconds, String message) {
        super(message);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
