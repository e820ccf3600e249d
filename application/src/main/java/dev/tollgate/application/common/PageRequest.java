package dev.tollgate.application.common;

import dev.tollgate.domain.common.InvalidValueException;

/**
 * A page of a list: {@code page} counts from 0, {@code size} is 1..500, and the rows skipped ({@code page × size},
 * computed without overflow) are at most {@value #MAX_OFFSET}: deeper pages cost the database a scan of every row
 * before them, so a caller narrows the list with its filters (a time range, an actor, …) or reads it by keyset
 * ({@link CursorRequest}) instead.
 */
public record PageRequest(int page, int size) {
    /** Most rows a page may skip. */
    public static final long MAX_OFFSET = 100_000;
    /** Most rows one page may hold (also of a keyset page, {@link CursorRequest}). */
    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 0) {
            throw new InvalidValueException("page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValueException("size", "size must be between 1 and " + MAX_SIZE);
        }
        if ((long) page * size > MAX_OFFSET) {
            throw new InvalidValueException(
                    "page",
                    "page × size must be at most " + MAX_OFFSET
                            + "; narrow the list with its filters (e.g. from/to) to reach older entries, or read them by"
                            + " cursor (after)");
        }
    }

    /** The rows before this page: {@code page × size}, at most {@link #MAX_OFFSET}. */
    public int offset() {
        return page * size;
    }
}
