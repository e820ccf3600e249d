package dev.tollgate.application.billing.port.in;

import dev.tollgate.domain.billing.Price;
import java.time.Instant;

/**
 * A model's price in quota units (500,000 = 1 USD): per one million input and output tokens, per image, per audio
 * second and per request, and per one million cached input tokens ({@code cachedInput}, the input price unless set),
 * cache-write input tokens ({@code cacheWrite}, the input price unless set) and audio input and output tokens
 * ({@code audioInput}, {@code audioOutput}; 0: no audio price).
 */
public record PriceView(
        String model,
        long input,
        long output,
        long perImage,
        long perAudioSecond,
        long perRequest,
        Instant updatedAt,
        long cachedInput,
        long cacheWrite,
        long audioInput,
        long audioOutput) {
    public PriceView(String model, long input, long output, Instant updatedAt) {
        this(model, input, output, 0, 0, 0, updatedAt, input, input, 0, 0);
    }

    /** The view of a model's price, set at {@code updatedAt}. */
    public static PriceView of(String model, Price price, Instant updatedAt) {
        return new PriceView(
                model,
                price.inputPerMillion(),
                price.outputPerMillion(),
                price.perImage(),
                price.perAudioSecond(),
                price.perRequest(),
                updatedAt,
                price.cachedInputPerMillion(),
                price.cacheWritePerMillion(),
                price.audioInputPerMillion(),
                price.audioOutputPerMillion());
    }

    /** The price this view shows. */
    public Price price() {
        return new Price(
                input, output, perImage, perAudioSecond, perRequest, cachedInput, cacheWrite, audioInput, audioOutput);
    }
}
