package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;

/** Who may create an account by themselves: anyone ({@code open}), nobody ({@code closed}, the default). */
public enum RegistrationMode {
    OPEN("open"),
    INVITE_ONLY("invite-only"),
    CLOSED("closed");

    private final String code;

    RegistrationMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static RegistrationMode fromCode(String code) {
        for (RegistrationMode m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        throw new InvalidValueException("mode", "mode must be 'open', 'invite-only' or 'closed'");
    }
}
