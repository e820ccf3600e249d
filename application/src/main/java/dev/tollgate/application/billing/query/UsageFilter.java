package dev.tollgate.application.billing.query;

import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;

/** Which usage records to read; a null field does not filter. {@code to} is exclusive. */
public record UsageFilter(String ownerId, String tokenId, String model, Instant from, Instant to) {
    public UsageFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidValueException("from", "from must be before to");
        }
    }

    public UsageFilter withOwner(String owner) {
        return new UsageFilter(owner, tokenId, model, from, to);
    }
}
