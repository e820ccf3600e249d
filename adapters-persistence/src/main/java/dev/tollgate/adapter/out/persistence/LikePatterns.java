package dev.tollgate.adapter.out.persistence;

/** SQL {@code like} patterns built from a user's text: its wildcards matched literally (escape character {@code \}). */
public final class LikePatterns {
    /** The escape character the patterns use: write {@code like :pattern escape '\'}. */
    public static final char ESCAPE = '\\';

    private LikePatterns() {}

    /** A pattern matching any text that contains {@code text} (already lower-cased by the caller); null for null. */
    public static String containing(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + literal + "%";
    }
}
