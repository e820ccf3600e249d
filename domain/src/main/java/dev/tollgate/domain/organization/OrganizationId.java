package dev.tollgate.domain.organization;

import dev.tollgate.domain.common.Checks;

/** Identity of an organisation. A user's personal organisation is {@code personal-<userId>}. */
public record OrganizationId(String value) {
    public OrganizationId {
        Checks.requireText("organizationId", value, 80);
    }

    /** The personal organisation of a user. */
    public static OrganizationId personalOf(String userId) {
        return new OrganizationId("personal-" + userId);
    }

    @Override
    public String toString() {
        return value;
    }
}
