package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.Checks;

/** Identity of a channel (an upstream provider account). */
public record ChannelId(String value) {
    public ChannelId {
        Checks.requireText("channelId", value, 64);
    }

    @Override
    public String toString() {
        return value;
    }
}
