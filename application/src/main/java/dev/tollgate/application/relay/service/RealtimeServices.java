package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.out.TokenCounterPort;

/** What every realtime session's metering uses: billing, the RPM/TPM limits, the tokenizer and request ids. */
record RealtimeServices(
        MeteringUseCase metering, RateLimiter rateLimiter, TokenCounterPort tokenCounter, IdGeneratorPort ids) {}
