package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;

/**
 * Whether the router may send traffic to a channel. {@code AUTO_DISABLED} is set by Tollgate itself when the upstream
 * rejects the channel's credentials or balance; only such a channel is re-enabled by the health probe, never one an
 * administrator disabled.
 */
public enum ChannelStatus {
    ENABLED("enabled"),
    DISABLED("disabled"),
    AUTO_DISABLED("auto_disabled");

    private final String code;

    ChannelStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Parses a stored status (any of the three). */
    public static ChannelStatus fromCode(String code) {
        for (ChannelStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new InvalidValueException("status", "status must be 'enabled' or 'disabled'");
    }

    /** Parses a status an administrator may set: {@code enabled} or {@code disabled}. */
    public static ChannelStatus fromAdminCode(String code) {
        if ("enabled".equals(code)) {
            return ENABLED;
        }
        if ("disabled".equals(code)) {
            return DISABLED;
        }
        throw new InvalidValueException("status", "status must be 'enabled' or 'disabled'");
    }
}
