package dev.tollgate.application.billing.service;

/**
 * Quota set aside for one request before the upstream call.
 *
 * @param amount units reserved (0 for an unlimited key: nothing needs to be set aside)
 */
public record Reservation(String tokenId, String requestId, long amount, boolean unlimited) {
}
