package dev.tollgate.domain.token;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Locale;

/** Whether a key may be used. */
public enum TokenStatus {
    ENABLED,
    DISABLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenStatus fromCode(String code) {
        if ("enabled".equals(code)) {
            return ENABLED;
        }
        if ("disabled".equals(code)) {
            return DISABLED;
        }
        throw new InvalidValueException("status", "status must be 'enabled' or 'disabled'");
    }
}
