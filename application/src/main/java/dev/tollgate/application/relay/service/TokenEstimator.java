package dev.tollgate.application.relay.service;

/**
 * Token figures the relay needs before (or without) the upstream's own count.
 *
 * <p>For reservations it uses a safe upper bound: a BPE token covers at least one byte, so a prompt has at most as
 * many tokens as its UTF-8 bytes, plus a per-message overhead of 4 and 3 for the reply's priming. When an upstream
 * never reports usage (a stream that broke), the prompt and the delivered output are counted with the model
 * family's tokenizer ({@link dev.tollgate.application.relay.port.out.TokenCounterPort}) plus OpenAI's chat
 * overhead of 3 tokens per message and 3 for the reply.
 */
final class TokenEstimator {
    private TokenEstimator() {}

    static long promptUpperBound(long promptBytes, int messageCount) {
        return Math.addExact(Math.addExact(promptBytes, Math.multiplyExact(4L, messageCount)), 3L);
    }

    static long chatOverhead(int messageCount) {
        return Math.addExact(Math.multiplyExact(3L, messageCount), 3L);
    }
}
