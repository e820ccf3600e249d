package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase.ExtraRatios;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.domain.billing.CachePriceDefaults;
import dev.tollgate.domain.billing.Price;
import dev.tollgate.domain.common.InvalidValueException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * One model's price from one-api's ratio tables and back (see {@code OneApiRatiosUseCase}): ratio 1 is 1,000,000
 * units per one million tokens; the completion, cache and audio ratios multiply the input price (audio output: the
 * audio input price), each result rounded half-up to whole units.
 */
final class OneApiRatioPrices {
    static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private OneApiRatioPrices() {}

    /** The price of {@code model} from its ratios. */
    static Price price(String model, BigDecimal ratio, Map<String, BigDecimal> completionRatio, ExtraRatios extra) {
        BigDecimal completion = completionRatio.getOrDefault(model, BigDecimal.ONE);
        requireRatio("ModelRatio", model, ratio);
        requireRatio("CompletionRatio", model, completion);
        long input = units(ratio.multiply(MILLION));
        long output = units(ratio.multiply(completion).multiply(MILLION));
        BigDecimal cache = extra.cacheRatio().get(model);
        BigDecimal createCache = extra.createCacheRatio().get(model);
        BigDecimal audio = extra.audioRatio().get(model);
        BigDecimal audioCompletion = extra.audioCompletionRatio().getOrDefault(model, BigDecimal.ONE);
        requireRatio("CacheRatio", model, cache);
        requireRatio("CreateCacheRatio", model, createCache);
        requireRatio("AudioRatio", model, audio);
        requireRatio("AudioCompletionRatio", model, audioCompletion);
        long audioInput = audio == null ? 0 : times(input, audio);
        return new Price(
                input,
                output,
                0,
                0,
                0,
                cache == null ? CachePriceDefaults.cacheRead(model, input) : times(input, cache),
                createCache == null ? CachePriceDefaults.cacheWrite(model, input) : times(input, createCache),
                audioInput,
                times(audioInput, audioCompletion));
    }

    /** Adds the model's cache and audio ratios to the tables, where they differ from what an import would assume. */
    static void exportExtras(PriceView p, ExtraRatios into) {
        if (p.input() == 0) {
            return;
        }
        if (p.cachedInput() != CachePriceDefaults.cacheRead(p.model(), p.input())) {
            into.cacheRatio().put(p.model(), ratio(p.cachedInput(), p.input()));
        }
        if (p.cacheWrite() != CachePriceDefaults.cacheWrite(p.model(), p.input())) {
            into.createCacheRatio().put(p.model(), ratio(p.cacheWrite(), p.input()));
        }
        if (p.audioInput() != 0) {
            into.audioRatio().put(p.model(), ratio(p.audioInput(), p.input()));
            if (p.audioOutput() != p.audioInput()) {
                into.audioCompletionRatio().put(p.model(), ratio(p.audioOutput(), p.audioInput()));
            }
        }
    }

    /** Whether the price has a part no ratio can express (a paid part beside a free input). */
    static boolean notExpressible(PriceView p) {
        return p.input() == 0 && (p.output() != 0 || p.audioInput() != 0 || p.audioOutput() != 0);
    }

    /**
     * {@code part / whole} with 34 significant digits: importing the ratio again gives back the same price (with a
     * fixed 6 decimals, 10,000,000 / 3,000,000 came back as 9,999,999).
     */
    static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part)
                .divide(BigDecimal.valueOf(whole), MathContext.DECIMAL128)
                .stripTrailingZeros();
    }

    private static long times(long units, BigDecimal ratio) {
        return units(BigDecimal.valueOf(units).multiply(ratio));
    }

    private static long units(BigDecimal value) {
        try {
            return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValueException("ModelRatio", "ratio " + value + " is too large");
        }
    }

    private static void requireRatio(String table, String model, BigDecimal ratio) {
        if (ratio != null && ratio.signum() < 0) {
            throw new InvalidValueException(table, "ratios must be numbers of 0 or more (model " + model + ")");
        }
        if (ratio == null && ("ModelRatio".equals(table) || "CompletionRatio".equals(table))) {
            throw new InvalidValueException(table, "ratios must be numbers of 0 or more (model " + model + ")");
        }
    }
}
