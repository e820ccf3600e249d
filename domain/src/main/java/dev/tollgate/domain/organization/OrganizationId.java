package dev.tollgate.domain.organization;

import dev.tollgate.domain.common.Checks;

/** Identity of an organisation. A user's personal organisation is {@code personal-<userId>}. */
public record OrganizationId(String value) {
    private static final String PERSONAL = "personal-";

    public OrganizationId {
        Checks.requireText("organizationId", value, 80);
    }

    /** The personal organisation of a user. */
    public static OrganizationId personalOf(String userId) {
        return new OrganizationId(PERSONAL + userId);
    }

    /** Whether this is a user's personal organisation. */
    public boolean personal() {
        return value.startsWith(PERSONAL);
    }

    /**
     * Whose wallet pays for the organisation's keys: a personal organisation's wallet is its user's (the wallet every
     * user had before organisations), any other organisation has its own.
     */
    public String walletOwner() {
        return personal() ? value.substring(PERSONAL.length()) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
