package dev.tollgate.application.billing.query;

import java.util.Set;

/**
 * What a caller may see of the ledger and the usage records: everything (platform admins), or the records of whole
 * organisations (their personal one, those they own or administer) plus the records of their own keys anywhere.
 *
 * @param organizations organisations whose records are all visible; {@code null} with a null member: everything
 * @param member        a user whose own records (of the keys they hold) are visible too
 */
public record BillingScope(Set<String> organizations, String member) {
    /** No restriction. */
    public static final BillingScope ALL = new BillingScope(null, null);

    public BillingScope {
        organizations = organizations == null ? null : Set.copyOf(organizations);
    }

    public boolean all() {
        return organizations == null && member == null;
    }
}
