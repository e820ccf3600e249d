package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Locale;

/**
 * What a personal access token may do with its owner's rights: {@code READ} only reads (GET), {@code WRITE} also
 * changes. Neither may manage personal access tokens or the owner's password (a leaked token cannot mint others).
 */
public enum AccessTokenScope {
    READ,
    WRITE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccessTokenScope of(String code) {
        if (code != null) {
            for (AccessTokenScope s : values()) {
                if (s.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new InvalidValueException("scope", "scope must be 'read' or 'write'");
    }
}
