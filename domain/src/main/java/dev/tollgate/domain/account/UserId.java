package dev.tollgate.domain.account;

import dev.tollgate.domain.common.Checks;

/** Identity of a user. The root user's id is always {@link #ROOT}. */
public record UserId(String value) {
    public static final UserId ROOT = new UserId("root");

    public UserId {
        Checks.requireText("userId", value, 64);
    }

    @Override
    public String toString() {
        return value;
    }
}
