package dev.tollgate.application.token.query;

import java.time.Instant;
import java.util.List;

/**
 * A key as the admin API shows it: masked, with its quota figures in units.
 *
 * @param quota          the key's total quota (meaningless when unlimited)
 * @param remainingQuota quota minus used (0 at least); for an unlimited key, 0
 * @param group          the routing group whose channels serve the key
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
        String group) {
}
