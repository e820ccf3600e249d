package dev.tollgate.domain.account;

import dev.tollgate.domain.common.Checks;

/** Identity of a personal access token (not its secret, which is never stored). */
public record AccessTokenId(String value) {
    public AccessTokenId {
        Checks.requireText("accessTokenId", value, 64);
    }

    @Override
    public String toString() {
        return value;
    }
}
