package dev.tollgate.domain.common;

/** A stable, machine-readable error code of a business rule; adapters map it to a status. */
public interface ErrorCode {
    /** The code clients see, in snake_case, e.g. {@code channel_not_found}. */
    String code();

    /** The kind of failure, which decides the HTTP status. */
    Kind kind();

    enum Kind {
        NOT_FOUND,
        CONFLICT,
        FORBIDDEN,
        INVALID,
        GONE
    }
}
