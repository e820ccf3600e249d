package dev.tollgate.application.token.port.in;

import dev.tollgate.domain.common.Subnet;
import dev.tollgate.domain.token.RateLimit;
import dev.tollgate.domain.token.TokenStatus;
import java.time.Instant;
import java.util.List;

/**
 * A key's configuration as the relay needs it on every request.
 *
 * @param subnets   the client addresses the key may be used from; empty means any
 * @param rateLimit the key's own requests and tokens per minute
 * @param organizationId the organisation the key belongs to (its wallet pays, its policy applies)
 */
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
        String group,
        List<Subnet> subnets,
        RateLimit rateLimit,
        String organizationId) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean allowsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** Whether a request from this client address (an IP literal) may use the key. */
    public boolean allowsClient(String clientAddress) {
        if (subnets.isEmpty()) {
            return true;
        }
        byte[] address = Subnet.addressBytes(clientAddress);
        for (Subnet s : subnets) {
            if (s.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
