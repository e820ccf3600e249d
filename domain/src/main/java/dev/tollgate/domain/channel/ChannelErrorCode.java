package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of the channel context. */
public enum ChannelErrorCode implements ErrorCode {
    CHANNEL_NOT_FOUND("channel_not_found", Kind.NOT_FOUND),
    CHANNEL_DELETED("channel_deleted", Kind.GONE);

    private final String code;
    private final Kind kind;

    ChannelErrorCode(String code, Kind kind) {
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
