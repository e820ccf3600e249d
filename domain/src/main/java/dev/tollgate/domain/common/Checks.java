package dev.tollgate.domain.common;

import java.util.Collection;
import java.util.Map;

/** Small guards used by value objects and commands; each failure is an {@link InvalidValueException}. */
public final class Checks {
    /**
     * The largest amount of quota units one credit, debit or redemption code may carry: 10^15 units (2 billion USD at
     * 500,000 units per USD), far above any real top-up and far below {@link Long#MAX_VALUE}, so that sums of
     * amounts cannot overflow in practice.
     */
    public static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    private Checks() {}

    /** An amount of quota units moved at once: 1 to {@link #MAX_AMOUNT}. */
    public static long requireAmount(String field, long value) {
        if (value <= 0) {
            throw new InvalidValueException(field, field + " must be a positive number of units");
        }
        if (value > MAX_AMOUNT) {
            throw new InvalidValueException(field, field + " must be at most " + MAX_AMOUNT + " units (10^15)");
        }
        return value;
    }

    public static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, field + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidValueException(field, field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static <T> T requireNonNull(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, field + " is required");
        }
        return value;
    }

    public static long requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidValueException(field, field + " must not be negative");
        }
        return value;
    }

    public static <T extends Collection<?>> T requireNoNulls(String field, T values) {
        for (Object v : values) {
            if (v == null) {
                throw new InvalidValueException(field, field + " must not contain null");
            }
        }
        return values;
    }

    public static <K, V> Map<K, V> requireNoNullEntries(String field, Map<K, V> values) {
        values.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new InvalidValueException(field, field + " must not contain null keys or values");
            }
        });
        return values;
    }
}
