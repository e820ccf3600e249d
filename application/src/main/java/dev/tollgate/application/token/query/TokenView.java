package dev.tollgate.application.token.query;

import java.time.Instant;
import java.util.List;

/**
 * A key as the admin API shows it: masked (never its hash), with its quota figures in units.
 *
 * @param quota          the key's total quota (meaningless when unlimited)
 * @param remainingQuota quota minus used (0 at least); for an unlimited key, 0
 * @param group          the routing group whose channels serve the key
 * @param subnets        the client addresses (CIDR) the key may be used from; empty means any
 * @param rpm            the key's requests per minute, or null for no limit
 * @param tpm            the key's tokens per minute, or null for no limit
 * @param lastUsedAt     when the key was last used (to the second; another node's use shows after its next flush)
 * @param organizationId the organisation the key belongs to
 */
public record TokenView(
        String id,
        String ownerId,
        String name,
        String maskedKey,
        String status,
        long quota,
        boolean unlimitedQuota,
        long usedQuota,
        long remainingQuota,
        Instant expiresAt,
        List<String> models,
        Instant createdAt,
        Instant updatedAt,
        String group,
        List<String> subnets,
        Long rpm,
        Long tpm,
        Instant lastUsedAt,
        String organizationId) {

    /**
     * The same key with its live figures: {@code usedQuota} as the ledger counts it, {@code remainingQuota} the quota
     * minus that (0 at least; 0 for an unlimited key), and when it was last used.
     */
    public TokenView withUsage(long usedQuota, Instant lastUsedAt) {
        long remaining = unlimitedQuota ? 0 : Math.max(0, Math.subtractExact(quota, usedQuota));
        return new TokenView(
                id,
                ownerId,
                name,
                maskedKey,
                status,
                quota,
                unlimitedQuota,
                usedQuota,
                remaining,
                expiresAt,
                models,
                createdAt,
                updatedAt,
                group,
                subnets,
                rpm,
                tpm,
                lastUsedAt,
                organizationId);
    }
}
