package dev.tollgate.application.billing.query;

/** Sums over a set of usage records; {@code key} names the group (a day, a model, a key) or is null for all. */
public record UsageTotals(String key, long requests, long promptTokens, long completionTokens, long cost) {}
