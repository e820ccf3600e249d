package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the relay picks among the channels that serve a request, inside the best priority tier that has one left.
 * Priority always decides first; the strategy only orders the channels of one tier.
 */
public enum RoutingStrategy {
    /** Weighted random by each channel's {@code weight} (the default). */
    WEIGHTED("weighted"),
    /** The lowest recent time to first byte, with a share of traffic kept on the others so their figures stay fresh. */
    LATENCY("latency"),
    /** The fewest requests in flight (on this node). */
    LEAST_BUSY("least-busy");

    private final String wireName;

    RoutingStrategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The strategy of a wire name ({@code weighted}, {@code latency}, {@code least-busy}). */
    public static RoutingStrategy of(String field, String value) {
        for (RoutingStrategy s : values()) {
            if (s.wireName.equals(value)) {
                return s;
            }
        }
        throw new InvalidValueException(
                field,
                "unknown routing strategy '" + value + "' (one of: "
                        + Arrays.stream(values()).map(RoutingStrategy::wireName).collect(Collectors.joining(", "))
                        + ")");
    }
}
