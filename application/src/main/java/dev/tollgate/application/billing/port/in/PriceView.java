package dev.tollgate.application.billing.port.in;

import java.time.Instant;

/**
 * A model's price in quota units (500,000 = 1 USD): per one million input and output tokens, per image, per audio
 * second and per request, and per one million cached input tokens ({@code cachedInput}, the input price unless set).
 */
public record PriceView(
        String model,
        long input,
        long output,
        long perImage,
        long perAudioSecond,
        long perRequest,
        Instant updatedAt,
        long cachedInput) {
    public PriceView(String model, long input, long output, Instant updatedAt) {
        this(model, input, output, 0, 0, 0, updatedAt, input);
    }
}
