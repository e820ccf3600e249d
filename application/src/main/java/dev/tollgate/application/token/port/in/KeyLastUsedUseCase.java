package dev.tollgate.application.token.port.in;

import java.time.Instant;

/** Notes that a key authenticated a relay call (written out in batches, not per call). */
public interface KeyLastUsedUseCase {
    void used(String tokenId, Instant at);
}
