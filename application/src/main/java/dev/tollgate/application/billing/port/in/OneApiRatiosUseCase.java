package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.Caller;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Prices in one-api's ratio format, so that operators moving from one-api keep their tables. In one-api, ratio 1 is
 * one quota unit per token (US$0.002 per 1K tokens at 500,000 units per dollar), and the completion ratio
 * multiplies it for output tokens. So: input price per 1M tokens = ModelRatio × 1,000,000; output price =
 * ModelRatio × CompletionRatio × 1,000,000 (a missing completion ratio is 1), rounded half-up to whole units.
 *
 * <p>The tables of one-api's successors (new-api) for the other prices are relative to the input price too:
 * {@code CacheRatio} (cache reads), {@code CreateCacheRatio} (cache writes), {@code AudioRatio} (audio input) and
 * {@code AudioCompletionRatio} (audio output, relative to audio input). A model missing from them gets the defaults
 * (cache prices: the input price, Anthropic's ratios for Claude models; audio: none).
 */
public interface OneApiRatiosUseCase {
    /** Sets the price of every model in {@code modelRatio} (platform admins only). */
    default ImportResult importRatios(
            Map<String, BigDecimal> modelRatio, Map<String, BigDecimal> completionRatio, Caller caller) {
        return importRatios(modelRatio, completionRatio, ExtraRatios.NONE, caller);
    }

    /** Sets the price of every model in {@code modelRatio}, with its cache and audio ratios (platform admins only). */
    ImportResult importRatios(
            Map<String, BigDecimal> modelRatio,
            Map<String, BigDecimal> completionRatio,
            ExtraRatios extra,
            Caller caller);

    /** The current prices as one-api ratios; models with a free input and a paid output cannot be expressed. */
    ExportedRatios exportRatios();

    /** What an import did. */
    record ImportResult(int imported, List<String> models) {}

    /** The cache and audio ratio tables, by model (each may be empty). */
    record ExtraRatios(
            Map<String, BigDecimal> cacheRatio,
            Map<String, BigDecimal> createCacheRatio,
            Map<String, BigDecimal> audioRatio,
            Map<String, BigDecimal> audioCompletionRatio) {
        public static final ExtraRatios NONE = new ExtraRatios(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Prices as one-api ratios, plus the models that have no ratio form. */
    record ExportedRatios(
            Map<String, BigDecimal> modelRatio,
            Map<String, BigDecimal> completionRatio,
            ExtraRatios extra,
            List<String> notExpressible) {}
}
