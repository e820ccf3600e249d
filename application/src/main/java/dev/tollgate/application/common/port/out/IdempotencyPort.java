package dev.tollgate.application.common.port.out;

/**
 * Remembers the answers of requests sent with an {@code Idempotency-Key}, so that a replay returns the first answer
 * and has no second effect (G9). One record per (scope, key); claiming it is atomic across nodes.
 */
public interface IdempotencyPort {
    /** What a claim found. */
    enum Outcome {
        NEW,
        REPLAY,
        MISMATCH,
        IN_PROGRESS
    }

    /** The stored answer of a finished request. */
    record StoredAnswer(int status, String contentType, byte[] body) {}

    /** The outcome of a claim, with the stored answer for {@link Outcome#REPLAY}. */
    record Claim(Outcome outcome, StoredAnswer answer) {}

    /**
     * Claims the key for a request whose content hashes to {@code requestHash}: NEW (go ahead; the key is now held),
     * REPLAY (the same request finished before: its answer), MISMATCH (the key was used for a different request) or
     * IN_PROGRESS (the same key is being handled right now).
     */
    Claim claim(String scope, String key, String requestHash);

    /** Stores the answer of a claimed request. */
    void complete(String scope, String key, StoredAnswer answer);

    /** Gives up a claim (the request failed in a way that may be retried). */
    void abandon(String scope, String key);
}
