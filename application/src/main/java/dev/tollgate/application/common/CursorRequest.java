package dev.tollgate.application.common;

import dev.tollgate.domain.common.InvalidValueException;

/**
 * A keyset page: at most {@code size} (1..500) rows right after {@code after} ({@link Cursor#START} for the first).
 * Unlike {@link PageRequest} it has no depth limit: reading the millionth row costs what reading the first does.
 */
public record CursorRequest(Cursor after, int size) {
    public CursorRequest {
        if (after == null) {
            after = Cursor.START;
        }
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw new InvalidValueException("size", "size must be between 1 and " + PageRequest.MAX_SIZE);
        }
    }

    /** The rows to fetch: one more than the page, to know whether there is a next one. */
    public int fetch() {
        return size + 1;
    }
}
