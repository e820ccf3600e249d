package dev.tollgate.application.token.port.in;

import java.time.Instant;
import java.util.List;

/** What the caller asks for when creating a key. {@code quota} is ignored for an unlimited key. */
public record IssueTokenRequest(String name, long quota, boolean unlimitedQuota, Instant expiresAt,
        List<String> models, String group) {
    /** A key in the default group. */
    public IssueTokenRequest(String name, long quota, boolean unlimitedQuota, Instant expiresAt,
            List<String> models) {
        this(name, quota, unlimitedQuota, expiresAt, models, null);
    }
}
