package dev.tollgate.application.relay.service;

import dev.tollgate.application.relay.port.in.RelayException;

/**
 * Why an upstream attempt failed before the first byte: the client's error if no other channel serves, whom it counts
 * against ({@code scope}), the metric's {@code reason} and the upstream status (0 when none arrived).
 */
record AttemptFailure(int status, String type, String code, String message, Scope scope, String reason,
        int upstreamStatus) {
    /** Whom a failed attempt counts against (see {@link ChannelRouter#judge}). */
    enum Scope { CHANNEL, KEY, KEY_REJECTED, NONE }

    RelayException toException() {
        return new RelayException(status, type, code, message);
    }

    /** A failure of the channel's endpoint (shared by all its keys). */
    static AttemptFailure ofChannel(int status, String code, String message, String reason, int upstream) {
        return new AttemptFailure(status, "upstream_error", code, message, Scope.CHANNEL, reason, upstream);
    }
}
