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
 * @param group     the routing group whose channels serve the key ({@value #DEFAULT_GROUP} unless set)
 */
public record TokenLimits(long quota, boolean unlimitedQuota, Instant expiresAt, List<String> models, String group) {
    public static final String DEFAULT_GROUP = "default";

    /** Limits in the default group. */
    public TokenLimits(long quota, boolean unlimitedQuota, Instant expiresAt, List<String> models) {
        this(quota, unlimitedQuota, expiresAt, models, DEFAULT_GROUP);
    }

    public TokenLimits {
        group = group == null ? DEFAULT_GROUP : group;
        Checks.requireText("group", group, 64);
        if (quota < 0) {
            throw new InvalidValueException("quota", "quota must not be negative");
        }
        models = List.copyOf(Checks.requireNoNulls("models", models == null ? List.of() : models));
        for (String m : models) {
            Checks.requireText("models", m, 200);
        }
    }
}
