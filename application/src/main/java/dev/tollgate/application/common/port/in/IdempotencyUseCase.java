package dev.tollgate.application.common.port.in;

import dev.tollgate.application.common.port.out.IdempotencyPort;

/**
 * {@code Idempotency-Key} on money endpoints (G9): the first request with a key runs, a replay returns its answer
 * and has no second effect (also when replays race), and the same key with a different request is refused.
 */
public interface IdempotencyUseCase {
    IdempotencyPort.Claim claim(String scope, String key, String requestHash);

    void complete(String scope, String key, IdempotencyPort.StoredAnswer answer);

    void abandon(String scope, String key);
}
