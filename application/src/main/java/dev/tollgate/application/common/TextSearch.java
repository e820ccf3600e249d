package dev.tollgate.application.common;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Locale;

/**
 * The search text of a list ({@code ?q=}): matched case-insensitively as a part of the names a list searches. Blank is
 * no search; longer than {@value #MAX_LENGTH} characters or holding a control character is refused (400 on
 * {@code q}).
 */
public record TextSearch(String text) {
    /** Longest search text. */
    public static final int MAX_LENGTH = 100;

    /** No search: everything matches. */
    public static final TextSearch NONE = new TextSearch(null);

    public TextSearch {
        text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
        if (text != null && text.length() > MAX_LENGTH) {
            throw new InvalidValueException("q", "q must be at most " + MAX_LENGTH + " characters");
        }
        if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("q", "q must not contain control characters");
        }
    }

    /** Whether any of the values contains the search text (always, without one). */
    public boolean matches(String... values) {
        if (text == null) {
            return true;
        }
        for (String value : values) {
            if (value != null && value.toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of the values contains the search text (always, without one). */
    public boolean matchesAny(Iterable<String> values) {
        if (text == null) {
            return true;
        }
        for (String value : values) {
            if (matches(value)) {
                return true;
            }
        }
        return false;
    }
}
