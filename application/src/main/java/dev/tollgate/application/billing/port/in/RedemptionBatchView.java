package dev.tollgate.application.billing.port.in;

import java.time.Instant;

/** A batch of redemption codes as admins see it (never the codes: only their hashes are kept). */
public record RedemptionBatchView(
        String id,
        String name,
        long value,
        Instant expiresAt,
        String status,
        int codes,
        int redeemed,
        Instant createdAt) {}
