package dev.tollgate.application.common;

import dev.tollgate.domain.common.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A position in a list read by keyset pagination: the sort key of the last row a caller has seen (for example its
 * time and its id), handed to the caller as an opaque string ({@link #encode()}) and given back as {@code after}. The
 * next page starts right after that row, however deep it is, without the database counting the rows before it.
 * An empty {@code after} is the start of the list.
 *
 * <p>A cursor only says where to continue: the caller's filters and scope still decide which rows it may read, so a
 * made-up cursor reaches nothing more than a real one.
 */
public record Cursor(List<String> keys) {
    /** The start of the list. */
    public static final Cursor START = new Cursor(List.of());

    private static final int MAX_ENCODED = 512;
    private static final char SEPARATOR = '\u001f';

    public Cursor {
        keys = List.copyOf(keys);
    }

    public static Cursor of(String... keys) {
        return new Cursor(List.of(keys));
    }

    /** The cursor a caller sent; blank is {@link #START}; anything that is not a cursor of ours is a 400. */
    public static Cursor decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return START;
        }
        if (encoded.length() > MAX_ENCODED) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> keys = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == SEPARATOR) {
                keys.add(text.substring(from, i));
                from = i + 1;
            }
        }
        return new Cursor(keys);
    }

    public boolean start() {
        return keys.isEmpty();
    }

    /** Base64url of the keys, never blank for a position after a row. */
    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), keys).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code index}-th key as a string; a cursor of another shape is a 400. */
    public String key(int index, int expectedKeys) {
        if (keys.size() != expectedKeys) {
            throw invalid();
        }
        return keys.get(index);
    }

    /** The {@code index}-th key as an instant. */
    public Instant instant(int index, int expectedKeys) {
        try {
            return Instant.parse(key(index, expectedKeys));
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    /** The {@code index}-th key as a long. */
    public long number(int index, int expectedKeys) {
        try {
            return Long.parseLong(key(index, expectedKeys));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException("after", "after must be a cursor returned as next by this list");
    }
}
