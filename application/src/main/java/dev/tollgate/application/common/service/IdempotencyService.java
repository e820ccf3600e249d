package dev.tollgate.application.common.service;

import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.common.port.out.IdempotencyPort;

/** Idempotency records through their port; the web adapter decides which requests carry a key. */
public class IdempotencyService implements IdempotencyUseCase {
    private final IdempotencyPort records;

    public IdempotencyService(IdempotencyPort records) {
        this.records = records;
    }

    @Override
    public IdempotencyPort.Claim claim(String scope, String key, String requestHash) {
        return records.claim(scope, key, requestHash);
    }

    @Override
    public void complete(String scope, String key, IdempotencyPort.StoredAnswer answer) {
        records.complete(scope, key, answer);
    }

    @Override
    public void abandon(String scope, String key) {
        records.abandon(scope, key);
    }
}
