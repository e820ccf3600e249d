package dev.tollgate.application.token.query;

import dev.tollgate.domain.token.TokenStatus;
import java.time.Instant;
import java.util.List;

/** A key's configuration as the relay needs it on every request. */
public record TokenRecord(
        String id,
        String ownerId,
        String name,
        String keyHash,
        String maskedKey,
        TokenStatus status,
        long quota,
        boolean unlimitedQuota,
        Instant expiresAt,
        List<String> models,
        Instant createdAt,
        Instant updatedAt,
        String group) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean allowsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
