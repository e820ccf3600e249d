package dev.tollgate.domain.common;

/** Failures of access rules shared by every context. */
public enum AccessErrorCode implements ErrorCode {
    ADMIN_REQUIRED("admin_required", Kind.FORBIDDEN),
    /** A platform admin acting on what belongs to an equal or higher role (ROOT's, another ADMIN's). */
    OUTRANKED("outranked", Kind.FORBIDDEN);

    private final String code;
    private final Kind kind;

    AccessErrorCode(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
