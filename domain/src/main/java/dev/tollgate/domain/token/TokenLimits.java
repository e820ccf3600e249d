package dev.tollgate.domain.token;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.common.Subnet;
import java.time.Instant;
import java.util.List;

/**
 * What a key may spend and use.
 *
 * @param quota     the total quota units the key may spend over its life (ignored when unlimited)
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param models    the models the key may call; empty means every model its group serves
 * @param group     the routing group whose channels serve the key ({@value #DEFAULT_GROUP} unless set)
 * @param subnets   the client addresses the key may be used from; empty means any
 * @param rateLimit the key's own requests and tokens per minute ({@link RateLimit#NONE} unless set)
 */
public record TokenLimits(
        long quota,
        boolean unlimitedQuota,
        Instant expiresAt,
        List<String> models,
        String group,
        List<Subnet> subnets,
        RateLimit rateLimit) {
    public static final String DEFAULT_GROUP = "default";
    /** The most subnets one key may list. */
    public static final int MAX_SUBNETS = 100;

    /** Limits in the default group. */
    public TokenLimits(long quota, boolean unlimitedQuota, Instant expiresAt, List<String> models) {
        this(quota, unlimitedQuota, expiresAt, models, DEFAULT_GROUP);
    }

    /** Limits usable from any address, without rate limits. */
    public TokenLimits(long quota, boolean unlimitedQuota, Instant expiresAt, List<String> models, String group) {
        this(quota, unlimitedQuota, expiresAt, models, group, List.of(), RateLimit.NONE);
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
        subnets = List.copyOf(Checks.requireNoNulls("subnets", subnets == null ? List.of() : subnets));
        if (subnets.size() > MAX_SUBNETS) {
            throw new InvalidValueException("subnets", "a key may list at most " + MAX_SUBNETS + " subnets");
        }
        rateLimit = rateLimit == null ? RateLimit.NONE : rateLimit;
    }

    /** The subnets as text, as events record them. */
    public List<String> subnetTexts() {
        return subnets.stream().map(Subnet::toString).toList();
    }
}
