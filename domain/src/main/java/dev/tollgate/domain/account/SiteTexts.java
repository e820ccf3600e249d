package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.regex.Pattern;

/**
 * What the web console shows of the installation, as one-api's site settings: its name, a logo, a notice shown after
 * sign-in and a footer. All plain text (the console never reads them as HTML); the logo is an inline image
 * ({@code data:image/png|jpeg|gif|webp;base64,…}, at most {@value #MAX_LOGO_CHARS} characters) so that it needs no
 * other origin under the console's Content-Security-Policy. Empty values are stored as empty strings.
 */
public record SiteTexts(String name, String logo, String notice, String footer) {
    public static final int MAX_NAME = 60;
    public static final int MAX_NOTICE = 2_000;
    public static final int MAX_FOOTER = 500;
    public static final int MAX_LOGO_CHARS = 150_000;
    private static final Pattern LOGO = Pattern.compile("data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}");

    /** Nothing set: the console shows its own name and nothing else. */
    public static final SiteTexts NONE = new SiteTexts("", "", "", "");

    public SiteTexts {
        name = text("name", name, MAX_NAME, false);
        notice = text("notice", notice, MAX_NOTICE, true);
        footer = text("footer", footer, MAX_FOOTER, true);
        logo = logo == null ? "" : logo.strip();
        if (logo.length() > MAX_LOGO_CHARS) {
            throw new InvalidValueException("logo", "logo must be at most " + MAX_LOGO_CHARS + " characters");
        }
        if (!logo.isEmpty() && !LOGO.matcher(logo).matches()) {
            throw new InvalidValueException(
                    "logo", "logo must be an inline PNG, JPEG, GIF or WebP image: data:image/png;base64,…");
        }
    }

    private static String text(String field, String value, int max, boolean lineBreaks) {
        String v = value == null ? "" : value.strip();
        if (v.length() > max) {
            throw new InvalidValueException(field, field + " must be at most " + max + " characters");
        }
        boolean control =
                v.chars().anyMatch(c -> Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r')));
        if (control) {
            throw new InvalidValueException(
                    field,
                    field + " must not contain control characters" + (lineBreaks ? " other than line breaks" : ""));
        }
        return v;
    }
}
