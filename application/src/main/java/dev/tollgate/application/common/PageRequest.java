package dev.tollgate.application.common;

import dev.tollgate.domain.common.InvalidValueException;

/** A page of a list: {@code page} counts from 0, {@code size} is 1..500. */
public record PageRequest(int page, int size) {
    public PageRequest {
        if (page < 0) {
            throw new InvalidValueException("page", "page must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw new InvalidValueException("size", "size must be between 1 and 500");
        }
    }
}
