package dev.tollgate.adapter.in.web;

import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads optional request values (query parameters, body fields) the same way on every endpoint: a blank value is
 * absent, an instant is ISO-8601 in UTC, and a value that is not is a 400 naming the field.
 */
public final class RequestValues {
    private RequestValues() {}

    /** The value without surrounding blanks, or {@code null} when it is absent or blank. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The instant the value names, or {@code null} when it is absent or blank.
     *
     * @throws InvalidValueException (400, naming the field) when it is no ISO-8601 instant
     */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, field + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
