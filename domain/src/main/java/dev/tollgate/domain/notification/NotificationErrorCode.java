package dev.tollgate.domain.notification;

import dev.tollgate.domain.common.ErrorCode;

/** Failures of notification settings and webhooks. */
public enum NotificationErrorCode implements ErrorCode {
    INVALID_THRESHOLD("invalid_threshold", Kind.INVALID),
    INVALID_LANGUAGE("invalid_language", Kind.INVALID),
    INVALID_WEBHOOK_URL("invalid_webhook_url", Kind.INVALID),
    TOO_MANY_WEBHOOKS("too_many_webhooks", Kind.CONFLICT),
    WEBHOOK_NOT_FOUND("webhook_not_found", Kind.NOT_FOUND);

    private final String code;
    private final Kind kind;

    NotificationErrorCode(String code, Kind kind) {
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
