package dev.tollgate.domain.token;

import dev.tollgate.domain.common.InvalidValueException;

/**
 * How fast a key (or every key of one user) may go: requests and tokens per minute; {@code null} means no limit.
 *
 * @param rpm requests per minute, at least 1
 * @param tpm tokens (prompt plus output) per minute, at least 1
 */
public record RateLimit(Long rpm, Long tpm) {
    public static final RateLimit NONE = new RateLimit(null, null);
    static final long MAX_RPM = 1_000_000_000L;
    /** Bucket4j refills at most one token per nanosecond: 60,000,000,000 per minute. */
    static final long MAX_TPM = 10_000_000_000L;

    public RateLimit {
        check("rpm", rpm, MAX_RPM);
        check("tpm", tpm, MAX_TPM);
    }

    private static void check(String field, Long value, long max) {
        if (value != null && (value < 1 || value > max)) {
            throw new InvalidValueException(field, field + " must be between 1 and " + max + ", or null for no limit");
        }
    }

    public boolean none() {
        return rpm == null && tpm == null;
    }
}
