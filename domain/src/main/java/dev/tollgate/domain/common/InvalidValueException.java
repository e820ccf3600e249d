package dev.tollgate.domain.common;

/** A value object was given a value that breaks its invariant. Client error (400). */
public class InvalidValueException extends RuntimeException {
    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
