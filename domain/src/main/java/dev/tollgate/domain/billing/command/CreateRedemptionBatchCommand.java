package dev.tollgate.domain.billing.command;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a batch of redemption codes, each worth {@code value} units. Only the codes' SHA-256 hashes are recorded; the
 * codes themselves are shown once, to the admin who created them.
 */
public record CreateRedemptionBatchCommand(
        @TargetAggregateIdentifier String batchId,
        String name,
        long value,
        Instant expiresAt,
        List<String> codeHashes,
        String actor,
        Instant at) {
    public static final int MAX_CODES = 1_000;

    public CreateRedemptionBatchCommand {
        Checks.requireText("batchId", batchId, 64);
        Checks.requireText("name", name, 100);
        Checks.requireAmount("value", value);
        codeHashes = List.copyOf(Checks.requireNoNulls("codeHashes", codeHashes));
        if (codeHashes.isEmpty() || codeHashes.size() > MAX_CODES) {
            throw new InvalidValueException("count", "a batch has 1 to " + MAX_CODES + " codes");
        }
        if (expiresAt != null && !expiresAt.isAfter(at)) {
            throw new InvalidValueException("expiresAt", "expiresAt must be in the future");
        }
        Checks.requireText("actor", actor, 100);
        Checks.requireNonNull("at", at);
    }
}
