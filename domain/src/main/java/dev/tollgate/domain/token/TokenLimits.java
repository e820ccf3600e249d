package dev.tollgate.domain.token;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.List;

/**
 * What a key may spend and use.
 *
 * @param quota     the total quota units the key may spend over its life (ignored when unlimited)
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param models    the models the key may call; empty means every model its group serves
 */
public record TokenLimits(long quota, boolean unlimitedQuota, Instant expiresAt, List<String> models) {
    public TokenLimits {
        if (quota < 0) {
            throw new InvalidValueException("quota", "quota must not be negative");
        }
        models = List.copyOf(Checks.requireNoNulls("models", models == null ? List.of() : models));
        for (String m : models) {
            Checks.requireText("models", m, 200);
        }
    }
}
