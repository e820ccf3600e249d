package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;

/** Whether a user may sign in and their keys may be used. */
public enum UserStatus {
    ENABLED("enabled"),
    DISABLED("disabled");

    private final String code;

    UserStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static UserStatus fromCode(String code) {
        for (UserStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new InvalidValueException("status", "status must be 'enabled' or 'disabled'");
    }
}
