package dev.tollgate.adapter.out.provider.openai;

/** A provider's wait before the next try: {@code retry-after-ms} (OpenAI's, milliseconds) or {@code Retry-After}. */
final class RetryAfter {
    /** The longest wait passed on to a client (a provider asking for more is asked again sooner). */
    static final long MAX_SECONDS = 3_600;

    private RetryAfter() {}

    /** Whole seconds, rounded up, at least 1; null when neither header holds a number of seconds. */
    static Long seconds(String retryAfter, String retryAfterMs) {
        Long millis = number(retryAfterMs);
        if (millis != null) {
            return Math.min(MAX_SECONDS, Math.max(1, Math.ceilDiv(millis, 1_000L)));
        }
        Long seconds = number(retryAfter);
        return seconds == null ? null : Math.min(MAX_SECONDS, Math.max(1, seconds));
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            return d >= 0 && d < 1e12 ? (long) Math.ceil(d) : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: not followed (clocks differ)
        }
    }
}
