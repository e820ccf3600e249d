package dev.tollgate.domain.account;

/** Platform role of a user. There is exactly one ROOT, created at first start. */
public enum Role {
    ROOT,
    ADMIN,
    USER;

    public boolean isAdmin() {
        return this == ROOT || this == ADMIN;
    }

    /**
     * Whether a platform admin of this role may act on what belongs to a user of the other role (their keys, their
     * access tokens): ROOT on anyone's, ADMIN on USERs' only — never on ROOT's or another ADMIN's.
     */
    public boolean outranks(Role other) {
        return this == ROOT || (this == ADMIN && other == USER);
    }
}
