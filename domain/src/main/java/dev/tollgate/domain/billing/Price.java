package dev.tollgate.domain.billing;

import dev.tollgate.domain.common.InvalidValueException;

/**
 * A model's price in quota units per one million tokens (500,000 units = 1 USD).
 *
 * <p>A request's cost is {@code ceil((promptTokens * input + completionTokens * output) / 1,000,000)}: the
 * products are summed exactly in millionths of a unit and rounded up once per request, so no priced request is
 * free and no request is over-charged by more than one unit. Every step is overflow-checked.
 */
public record Price(long inputPerMillion, long outputPerMillion) {
    public static final long TOKENS_PER_PRICE_UNIT = 1_000_000L;

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0) {
            throw new InvalidValueException("price", "prices must not be negative");
        }
    }

    /** Cost in quota units of a request; throws {@link ArithmeticException} on overflow. */
    public long cost(long promptTokens, long completionTokens) {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new InvalidValueException("tokens", "token counts must not be negative");
        }
        long micros = Math.addExact(Math.multiplyExact(promptTokens, inputPerMillion),
                Math.multiplyExact(completionTokens, outputPerMillion));
        return Math.ceilDiv(micros, TOKENS_PER_PRICE_UNIT);
    }

    /**
     * The largest number of output tokens whose cost, added to the cost of {@code promptTokens}, fits in
     * {@code budget} units; {@code Long.MAX_VALUE} when output is free.
     */
    public long affordableCompletionTokens(long promptTokens, long budget) {
        long promptMicros = Math.multiplyExact(promptTokens, inputPerMillion);
        long budgetMicros;
        try {
            budgetMicros = Math.multiplyExact(budget, TOKENS_PER_PRICE_UNIT);
        } catch (ArithmeticException e) {
            budgetMicros = Long.MAX_VALUE;
        }
        long left = budgetMicros - promptMicros;
        if (left < 0) {
            return -1;
        }
        if (outputPerMillion == 0) {
            return Long.MAX_VALUE;
        }
        return left / outputPerMillion;
    }
}
