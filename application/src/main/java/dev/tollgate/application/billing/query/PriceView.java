package dev.tollgate.application.billing.query;

import java.time.Instant;

/** A model's price in quota units per one million input and output tokens. */
public record PriceView(String model, long input, long output, Instant updatedAt) {
}
