package dev.tollgate.application.relay.port.in;

/**
 * A relay request refused or failed before any answer was sent; the web adapter turns it into OpenAI's error
 * envelope with this status, type and code.
 */
public class RelayException extends RuntimeException {
    private final int status;
    private final String type;
    private final String code;
    private final Long retryAfterSeconds;

    public RelayException(int status, String type, String code, String message) {
        this(status, type, code, message, null);
    }

    public RelayException(int status, String type, String code, String message, Long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** Seconds for the {@code Retry-After} header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static RelayException invalidApiKey(String message) {
        return new RelayException(401, "invalid_request_error", "invalid_api_key", message);
    }

    public static RelayException insufficientQuota(String message) {
        return new RelayException(429, "insufficient_quota", "insufficient_quota", message);
    }
}
