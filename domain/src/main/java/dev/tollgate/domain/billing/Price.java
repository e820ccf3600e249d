package dev.tollgate.domain.billing;

import dev.tollgate.domain.common.InvalidValueException;

/**
 * A model's price in quota units (500,000 units = 1 USD): per one million input and output tokens, and optionally per
 * generated image, per second of transcribed audio and per request.
 *
 * <p>A request's cost is {@code ceil((promptTokens * input + completionTokens * output) / 1,000,000)} plus
 * {@code images * perImage + audioSeconds * perAudioSecond + perRequest}; input tokens the provider served from its
 * prompt cache are priced at {@code cachedInputPerMillion} instead of {@code inputPerMillion}. The token products are
 * summed exactly in
 * millionths of a unit and rounded up once per request, so no priced request is free and no request is over-charged
 * by more than one unit. Every step is overflow-checked ({@link ArithmeticException}).
 *
 * <p>Input tokens written to the provider's prompt cache (Anthropic's {@code cache_creation_input_tokens}) are priced
 * at {@code cacheWritePerMillion} by {@link #cost(long, long, long, long, long, long)}; realtime audio tokens at
 * {@code audioInputPerMillion} and {@code audioOutputPerMillion} ({@link #audioPrice()}). Unset, a cache write costs
 * the input price and audio has no price.
 *
 * <p>Text-to-speech models are priced per one million input <em>characters</em> in {@code inputPerMillion} (that is
 * how providers price them).
 */
public record Price(
        long inputPerMillion,
        long outputPerMillion,
        long perImage,
        long perAudioSecond,
        long perRequest,
        long cachedInputPerMillion,
        long cacheWritePerMillion,
        long audioInputPerMillion,
        long audioOutputPerMillion) {
    public static final long TOKENS_PER_PRICE_UNIT = 1_000_000L;

    public Price {
        if (inputPerMillion < 0
                || outputPerMillion < 0
                || perImage < 0
                || perAudioSecond < 0
                || perRequest < 0
                || cachedInputPerMillion < 0
                || cacheWritePerMillion < 0
                || audioInputPerMillion < 0
                || audioOutputPerMillion < 0) {
            throw new InvalidValueException("price", "prices must not be negative");
        }
    }

    /** A price whose cache writes cost as much as other input, without audio prices. */
    public Price(
            long inputPerMillion,
            long outputPerMillion,
            long perImage,
            long perAudioSecond,
            long perRequest,
            long cachedInputPerMillion) {
        this(
                inputPerMillion,
                outputPerMillion,
                perImage,
                perAudioSecond,
                perRequest,
                cachedInputPerMillion,
                inputPerMillion,
                0,
                0);
    }

    /** A price whose cached input costs as much as other input. */
    public Price(long inputPerMillion, long outputPerMillion, long perImage, long perAudioSecond, long perRequest) {
        this(inputPerMillion, outputPerMillion, perImage, perAudioSecond, perRequest, inputPerMillion);
    }

    /** A price for tokens only. */
    public Price(long inputPerMillion, long outputPerMillion) {
        this(inputPerMillion, outputPerMillion, 0, 0, 0);
    }

    /**
     * Cost in quota units of a request of which {@code cachedPromptTokens} (a part of {@code promptTokens}) were
     * served from the provider's prompt cache, priced at {@code cachedInputPerMillion}.
     */
    public long cost(
            long promptTokens, long cachedPromptTokens, long completionTokens, long images, long audioSeconds) {
        if (cachedPromptTokens < 0 || cachedPromptTokens > promptTokens) {
            throw new InvalidValueException("tokens", "cached tokens must be between 0 and the prompt tokens");
        }
        if (cachedPromptTokens == 0 || cachedInputPerMillion == inputPerMillion) {
            return cost(promptTokens, completionTokens, images, audioSeconds);
        }
        long micros = Math.addExact(
                Math.addExact(
                        Math.multiplyExact(promptTokens - cachedPromptTokens, inputPerMillion),
                        Math.multiplyExact(cachedPromptTokens, cachedInputPerMillion)),
                Math.multiplyExact(completionTokens, outputPerMillion));
        long units = Math.ceilDiv(micros, TOKENS_PER_PRICE_UNIT);
        units = Math.addExact(units, Math.multiplyExact(images, perImage));
        units = Math.addExact(units, Math.multiplyExact(audioSeconds, perAudioSecond));
        return Math.addExact(units, perRequest);
    }

    /**
     * Cost in quota units of a request of which {@code cacheReadTokens} were read from and {@code cacheWriteTokens}
     * written to the provider's prompt cache (both a part of {@code promptTokens}), priced at
     * {@code cachedInputPerMillion} and {@code cacheWritePerMillion}; the rest of the prompt at the input price.
     */
    public long cost(
            long promptTokens,
            long cacheReadTokens,
            long cacheWriteTokens,
            long completionTokens,
            long images,
            long audioSeconds) {
        if (cacheWriteTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens > promptTokens - cacheReadTokens) {
            throw new InvalidValueException(
                    "tokens", "cache reads and writes must be between 0 and the prompt tokens together");
        }
        if (cacheWriteTokens == 0 || cacheWritePerMillion == inputPerMillion) {
            return cost(promptTokens, cacheReadTokens, completionTokens, images, audioSeconds);
        }
        long micros = Math.addExact(
                Math.addExact(
                        Math.multiplyExact(promptTokens - cacheReadTokens - cacheWriteTokens, inputPerMillion),
                        Math.multiplyExact(cacheReadTokens, cachedInputPerMillion)),
                Math.addExact(
                        Math.multiplyExact(cacheWriteTokens, cacheWritePerMillion),
                        Math.multiplyExact(completionTokens, outputPerMillion)));
        long units = Math.ceilDiv(micros, TOKENS_PER_PRICE_UNIT);
        units = Math.addExact(units, Math.multiplyExact(images, perImage));
        units = Math.addExact(units, Math.multiplyExact(audioSeconds, perAudioSecond));
        return Math.addExact(units, perRequest);
    }

    /** Whether this price has a price for audio tokens. */
    public boolean pricesAudio() {
        return audioInputPerMillion > 0 || audioOutputPerMillion > 0;
    }

    /** The price of this model's audio tokens, as a token price (input and output audio per one million tokens). */
    public Price audioPrice() {
        return new Price(audioInputPerMillion, audioOutputPerMillion);
    }

    /** Cost in quota units of a request of tokens only. */
    public long cost(long promptTokens, long completionTokens) {
        return cost(promptTokens, completionTokens, 0, 0);
    }

    /** Cost in quota units of a request; throws {@link ArithmeticException} on overflow. */
    public long cost(long promptTokens, long completionTokens, long images, long audioSeconds) {
        if (promptTokens < 0 || completionTokens < 0 || images < 0 || audioSeconds < 0) {
            throw new InvalidValueException("tokens", "token, image and second counts must not be negative");
        }
        long micros = Math.addExact(
                Math.multiplyExact(promptTokens, inputPerMillion),
                Math.multiplyExact(completionTokens, outputPerMillion));
        long units = Math.ceilDiv(micros, TOKENS_PER_PRICE_UNIT);
        units = Math.addExact(units, Math.multiplyExact(images, perImage));
        units = Math.addExact(units, Math.multiplyExact(audioSeconds, perAudioSecond));
        return Math.addExact(units, perRequest);
    }

    /**
     * The largest number of output tokens whose cost, added to the cost of {@code promptTokens} and the per-request
     * price, fits in {@code budget} units; {@code Long.MAX_VALUE} when output is free; -1 when not even the prompt
     * fits.
     */
    public long affordableCompletionTokens(long promptTokens, long budget) {
        long left = budget - perRequest;
        if (left < 0) {
            return -1;
        }
        long promptMicros = Math.multiplyExact(promptTokens, inputPerMillion);
        long budgetMicros;
        try {
            budgetMicros = Math.multiplyExact(left, TOKENS_PER_PRICE_UNIT);
        } catch (ArithmeticException e) {
            budgetMicros = Long.MAX_VALUE;
        }
        long rest = budgetMicros - promptMicros;
        if (rest < 0) {
            return -1;
        }
        if (outputPerMillion == 0) {
            return Long.MAX_VALUE;
        }
        return rest / outputPerMillion;
    }

    /**
     * This price multiplied by {@code perMille} thousandths (a routing group's multiplier): every component is
     * multiplied and rounded up to a whole unit, so a multiplied price is never lower than exact (by less than one unit
     * per million tokens, per image, per second or per request). 1,000 is this price itself.
     */
    public Price withMultiplier(long perMille) {
        if (perMille < 0) {
            throw new InvalidValueException("multiplier", "a multiplier must not be negative");
        }
        if (perMille == 1_000) {
            return this;
        }
        return new Price(
                scale(inputPerMillion, perMille),
                scale(outputPerMillion, perMille),
                scale(perImage, perMille),
                scale(perAudioSecond, perMille),
                scale(perRequest, perMille),
                scale(cachedInputPerMillion, perMille),
                scale(cacheWritePerMillion, perMille),
                scale(audioInputPerMillion, perMille),
                scale(audioOutputPerMillion, perMille));
    }

    private static long scale(long value, long perMille) {
        return Math.ceilDiv(Math.multiplyExact(value, perMille), 1_000L);
    }
}
