package dev.tollgate.application.billing.query;

import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;

/**
 * Which usage records to read; a null field does not filter. {@code to} is exclusive.
 *
 * @param organizationId the paying organisation (the key's)
 * @param ownerId        the key's holder (a member)
 * @param scope          what the caller may see at all
 */
public record UsageFilter(
        String organizationId,
        String ownerId,
        String tokenId,
        String model,
        Instant from,
        Instant to,
        BillingScope scope) {
    public UsageFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidValueException("from", "from must be before to");
        }
        scope = scope == null ? BillingScope.ALL : scope;
    }

    /** Unscoped, without an organisation. */
    public UsageFilter(String ownerId, String tokenId, String model, Instant from, Instant to) {
        this(null, ownerId, tokenId, model, from, to, BillingScope.ALL);
    }

    public UsageFilter withOwner(String owner) {
        return new UsageFilter(organizationId, owner, tokenId, model, from, to, scope);
    }

    public UsageFilter withScope(BillingScope newScope) {
        return new UsageFilter(organizationId, ownerId, tokenId, model, from, to, newScope);
    }

    /** The same filter without its time range. */
    public UsageFilter anyTime() {
        return new UsageFilter(organizationId, ownerId, tokenId, model, null, null, scope);
    }
}
