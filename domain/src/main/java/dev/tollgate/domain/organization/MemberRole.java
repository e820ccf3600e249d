package dev.tollgate.domain.organization;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Locale;

/** A member's role in an organisation: one OWNER, any number of ADMINs (manage members) and MEMBERs. */
public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER;

    public static MemberRole of(String code) {
        if (code != null) {
            try {
                return valueOf(code.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // below
            }
        }
        throw new InvalidValueException("role", "role must be OWNER, ADMIN or MEMBER");
    }

    /** Whether this role manages the organisation's members and settings. */
    public boolean manages() {
        return this != MEMBER;
    }
}
