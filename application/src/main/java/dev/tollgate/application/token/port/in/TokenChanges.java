package dev.tollgate.application.token.port.in;

import java.time.Instant;
import java.util.List;

/**
 * A partial change of a key: a null field is left as it is. {@code clearExpiry}, {@code clearRpm} and
 * {@code clearTpm} remove the expiry and the limits (the client sent an explicit null).
 */
public record TokenChanges(
        String name,
        String status,
        Long quota,
        Boolean unlimitedQuota,
        Instant expiresAt,
        boolean clearExpiry,
        List<String> models,
        String group,
        List<String> subnets,
        Long rpm,
        boolean clearRpm,
        Long tpm,
        boolean clearTpm) {
    public TokenChanges(
            String name,
            String status,
            Long quota,
            Boolean unlimitedQuota,
            Instant expiresAt,
            boolean clearExpiry,
            List<String> models) {
        this(name, status, quota, unlimitedQuota, expiresAt, clearExpiry, models, null, null, null, false, null, false);
    }
}
