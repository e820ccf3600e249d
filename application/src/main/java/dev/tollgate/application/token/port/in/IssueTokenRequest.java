package dev.tollgate.application.token.port.in;

import java.time.Instant;
import java.util.List;

/**
 * What the caller asks for when creating a key. {@code quota} is ignored for an unlimited key.
 *
 * @param subnets client addresses (IPv4/IPv6 CIDR) the key may be used from; null or empty: any
 * @param rpm     requests per minute, or null for no limit
 * @param tpm     tokens per minute, or null for no limit
 */
public record IssueTokenRequest(
        String name,
        long quota,
        boolean unlimitedQuota,
        Instant expiresAt,
        List<String> models,
        String group,
        List<String> subnets,
        Long rpm,
        Long tpm) {
    /** A key in the default group. */
    public IssueTokenRequest(String name, long quota, boolean unlimitedQuota, Instant expiresAt, List<String> models) {
        this(name, quota, unlimitedQuota, expiresAt, models, null, null, null, null);
    }
}
