package dev.tollgate.domain.billing.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A batch of redemption codes was created; only the codes' SHA-256 hashes are recorded. */
@Revision("1")
public record RedemptionBatchCreatedEvent(
        String batchId, String name, long value, Instant expiresAt, List<String> codeHashes, String actor, Instant at)
        implements RedemptionBatchEvent {}
