package dev.tollgate.application.relay.port.in;

import java.time.Instant;

/**
 * What a key may still spend, for the OpenAI-style billing endpoints chat front ends call.
 *
 * @param quota     the key's total quota in units (meaningless when unlimited)
 * @param used      units spent so far
 * @param expiresAt when the key stops working, or null
 */
public record KeyBalance(long quota, long used, boolean unlimited, Instant expiresAt) {}
