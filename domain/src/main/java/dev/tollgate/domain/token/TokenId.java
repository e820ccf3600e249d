package dev.tollgate.domain.token;

import dev.tollgate.domain.common.Checks;

/** Identity of an API key (a token). Not the secret: the secret is never stored. */
public record TokenId(String value) {
    public TokenId {
        Checks.requireText("tokenId", value, 64);
    }

    @Override
    public String toString() {
        return value;
    }
}
