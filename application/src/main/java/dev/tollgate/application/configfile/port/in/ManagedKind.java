package dev.tollgate.application.configfile.port.in;

/** The kinds of resources a configuration file declares, as the managed-resource records name them. */
public enum ManagedKind {
    CHANNEL("channel"),
    PRICE("price"),
    GROUP_MULTIPLIER("group-multiplier"),
    ORGANIZATION("organization"),
    /** The registration mode (one record, named {@code registration}). */
    REGISTRATION("registration"),
    /** The incentives (one record, named {@code incentives}). */
    INCENTIVES("incentives");

    private final String code;

    ManagedKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
