package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A redemption code was redeemed and its value credited to the redeemer's wallet. Recorded exactly once per code: it
 * is the only event (sequence 0) of a stream named by the code's hash, so the event store's unique key refuses a
 * second redemption — on any node, in the same transaction as the append.
 */
@Revision("1")
public record CodeRedeemedEvent(
        String codeHash, String batchId, String walletId, long value, String actor, Instant at) {}
