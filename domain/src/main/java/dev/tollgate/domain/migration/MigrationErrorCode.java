package dev.tollgate.domain.migration;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of imports from other gateways. */
public enum MigrationErrorCode implements ErrorCode {
    /** Only the root user imports: an import creates admins, keys and money. */
    ROOT_REQUIRED("root_required", Kind.FORBIDDEN),
    /** One import at a time in a process. */
    IMPORT_RUNNING("import_running", Kind.CONFLICT);

    private final String code;
    private final Kind kind;

    MigrationErrorCode(String code, Kind kind) {
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
