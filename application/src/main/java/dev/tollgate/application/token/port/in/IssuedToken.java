package dev.tollgate.application.token.port.in;

import dev.tollgate.application.token.query.TokenView;

/** A freshly issued key: its view and its clear secret (shown once). */
public record IssuedToken(TokenView token, String key) {
    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", key=<hidden>]";
    }
}
