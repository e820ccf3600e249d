package dev.tollgate.application.relay.service;

import dev.tollgate.application.relay.port.in.RelayException;

/**
 * Why an upstream attempt failed before the first byte: the client's error if no other channel serves, whom it counts
 * against ({@code scope}), the metric's {@code reason} and the upstream status (0 when none arrived).
 */
record AttemptFailure(
        int status,
        String type,
        String code,
        String message,
        Scope scope,
        String reason,
        int upstreamStatus,
        Long retryAfterSeconds) {
    /** Whom a failed attempt counts against (see {@link ChannelRouter#judge}). */
    enum Scope {
        CHANNEL,
        KEY,
        KEY_REJECTED,
        NONE
    }

    AttemptFailure(
            int status, String type, String code, String message, Scope scope, String reason, int upstreamStatus) {
        this(status, type, code, message, scope, reason, upstreamStatus, null);
    }

    RelayException toException() {
        return new RelayException(status, type, code, message);
    }

    /** Whether the provider answered 429: its rate limit of the key, not a fault. */
    boolean rateLimited() {
        return upstreamStatus == 429;
    }

    /** A failure of the channel's endpoint (shared by all its keys). */
    static AttemptFailure ofChannel(int status, String code, String message, String reason, int upstream) {
        return new AttemptFailure(status, "upstream_error", code, message, Scope.CHANNEL, reason, upstream);
    }
}
