package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;

/** A login name: 3 to 32 letters, digits, '_', '-' or '.'. */
public record Username(String value) {
    public Username {
        if (value == null || !value.matches("[A-Za-z0-9_.-]{3,32}")) {
            throw new InvalidValueException(
                    "username", "username must be 3 to 32 characters of letters, digits, '_', '-' or '.'");
        }
    }
}
