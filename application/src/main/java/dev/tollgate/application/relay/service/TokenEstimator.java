package dev.tollgate.application.relay.service;

/**
 * Token figures the relay needs before (or without) the upstream's own count.
 *
 * <p>For reservations it uses a safe upper bound: a BPE token covers at least one byte, so a prompt has at most as
 * many tokens as its UTF-8 bytes, plus a per-message overhead of 4 and 3 for the reply's priming. When an upstream
 * never reports usage (a stream that broke), delivered output is estimated at one token per 3 characters, rounded
 * up; that figure is only ever used when nothing better exists.
 */
final class TokenEstimator {
    private TokenEstimator() {
    }

    static long promptUpperBound(long promptBytes, int messageCount) {
        return Math.addExact(Math.addExact(promptBytes, Math.multiplyExact(4L, messageCount)), 3L);
    }

    static long estimateFromCharacters(long characters) {
        return Math.ceilDiv(characters, 3L);
    }
}
