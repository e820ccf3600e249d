package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.TextSearch;
import dev.tollgate.domain.token.TokenStatus;

/**
 * What a key list is narrowed to: {@code q} in the key's name or masked key, and a status ({@code enabled} or
 * {@code disabled}; anything else is refused with 400 on {@code status}). Both optional.
 */
public record TokenFilter(TextSearch q, String status) {
    /** Every key. */
    public static final TokenFilter NONE = new TokenFilter(TextSearch.NONE, null);

    public TokenFilter {
        q = q == null ? TextSearch.NONE : q;
        status = status == null || status.isBlank()
                ? null
                : TokenStatus.fromCode(status.strip()).code();
    }
}
