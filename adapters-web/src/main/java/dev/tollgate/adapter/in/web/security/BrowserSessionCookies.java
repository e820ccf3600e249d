package dev.tollgate.adapter.in.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The web console's session cookie: the access token itself, out of reach of script (HttpOnly), sent only with
 * requests started by Tollgate's own pages (SameSite=Strict), and on HTTPS only over HTTPS under the
 * {@code __Host-} prefix (Secure, Path=/, no Domain: no sibling host can set or shadow it).
 */
public final class BrowserSessionCookies {
    static final String NAME = "tollgate-session";
    static final String SECURE_NAME = "__Host-tollgate-session";

    private BrowserSessionCookies() {}

    /** Sets the session cookie for {@code accessToken}, living as long as the token. */
    public static void set(HttpServletRequest request, HttpServletResponse response, String accessToken, Duration ttl) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, accessToken, ttl).toString());
    }

    /** Ends the session cookie in the browser. */
    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
    }

    /** The access token the request's session cookie holds, or {@code null}. */
    static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String wanted = request.isSecure() ? SECURE_NAME : NAME;
        for (Cookie c : cookies) {
            if (wanted.equals(c.getName())
                    && c.getValue() != null
                    && !c.getValue().isEmpty()) {
                return c.getValue();
            }
        }
        return null;
    }

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        boolean secure = request.isSecure();
        return ResponseCookie.from(secure ? SECURE_NAME : NAME, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
