package dev.tollgate.application.common;

/**
 * Client-supplied text as it may appear in a log line: line breaks and other control characters escaped (so no one
 * forges a log line), at most {@value #MAX_CHARS} characters.
 */
public final class LogText {
    static final int MAX_CHARS = 200;

    private LogText() {}

    public static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        for (int i = 0; i < text.length() && i < MAX_CHARS; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.toString();
    }
}
