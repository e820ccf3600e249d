package dev.tollgate.domain.billing;

import java.util.Locale;

/**
 * The prompt-cache prices a model gets when its price sets none. Claude models (a name containing {@code claude}) get
 * Anthropic's published ratios: a cache write costs 1.25 times the input price, a cache read 0.1 times (rounded up to
 * whole units). Every other model pays its input price for both (providers that discount cache reads are given a
 * {@code cachedInput} price explicitly).
 */
public final class CachePriceDefaults {
    private CachePriceDefaults() {}

    /** Whether the model is one of Anthropic's Claude models, by its name. */
    public static boolean claude(String model) {
        return model != null && model.toLowerCase(Locale.ROOT).contains("claude");
    }

    /** The price of one million input tokens read from the prompt cache. */
    public static long cacheRead(String model, long inputPerMillion) {
        return claude(model) ? Math.ceilDiv(inputPerMillion, 10L) : inputPerMillion;
    }

    /** The price of one million input tokens written to the prompt cache. */
    public static long cacheWrite(String model, long inputPerMillion) {
        return claude(model) ? Math.ceilDiv(Math.multiplyExact(inputPerMillion, 5L), 4L) : inputPerMillion;
    }
}
