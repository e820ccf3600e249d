package dev.tollgate.domain.account;

/** Platform role of a user. There is exactly one ROOT, created at first start. */
public enum Role {
    ROOT, ADMIN, USER;

    public boolean isAdmin() {
        return this == ROOT || this == ADMIN;
    }
}
