package dev.tollgate.domain.configfile;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures around the configuration file ({@code tollgate.yaml}). */
public enum ConfigFileErrorCode implements ErrorCode {
    /** The resource is declared in the configuration file: it changes by editing the file, not through the API. */
    MANAGED_BY_CONFIG_FILE("managed_by_config_file", Kind.CONFLICT),
    /** Only root exports the configuration: the export describes every channel, price and organisation. */
    ROOT_REQUIRED("root_required", Kind.FORBIDDEN);

    private final String code;
    private final Kind kind;

    ConfigFileErrorCode(String code, Kind kind) {
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
