package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;

/** Whether the router may send traffic to a channel. */
public enum ChannelStatus {
    ENABLED, DISABLED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ChannelStatus fromCode(String code) {
        if ("enabled".equals(code)) {
            return ENABLED;
        }
        if ("disabled".equals(code)) {
            return DISABLED;
        }
        throw new InvalidValueException("status", "status must be 'enabled' or 'disabled'");
    }
}
