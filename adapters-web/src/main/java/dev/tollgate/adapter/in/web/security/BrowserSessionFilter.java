package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.error.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the web console's session cookie stand for a bearer token on {@code /api/**}. A request that carries an
 * {@code Authorization} header is left exactly as it is (scripts and personal access tokens are unaffected, and the
 * cookie is then ignored). Otherwise, when the session cookie is present: a request that may change something (any
 * method but GET, HEAD, OPTIONS) must carry the session's CSRF token in {@value #CSRF_HEADER} (403
 * {@code csrf_token_invalid} when it does not), and the request then goes on as if it had sent the cookie's token as
 * its bearer token, so that every authorization rule of the API applies unchanged.
 *
 * <p>The browser-session endpoints themselves ({@code POST /api/v1/auth/session[/external]} and
 * {@code DELETE /api/v1/auth/session}: sign in and out) are never authenticated from the cookie: signing in must work
 * with a stale cookie, and signing out must clear it.
 */
public final class BrowserSessionFilter extends OncePerRequestFilter {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION_PATH = "/api/v1/auth/session";
    private static final String FROM_COOKIE = BrowserSessionFilter.class.getName() + ".fromCookie";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessTokens tokens;
    private final Problems problems;

    public BrowserSessionFilter(AccessTokens tokens, Problems problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/")) {
            return true;
        }
        return (SESSION_PATH.equals(path) || path.startsWith(SESSION_PATH + "/")) && !"GET".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token =
                request.getHeader(HttpHeaders.AUTHORIZATION) == null ? BrowserSessionCookies.read(request) : null;
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !csrfTokenMatches(request, token)) {
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "csrf_token_invalid",
                    "a change made with the console's session cookie must send the session's CSRF token in the "
                            + CSRF_HEADER + " header (GET /api/v1/auth/session answers it)");
            return;
        }
        request.setAttribute(FROM_COOKIE, Boolean.TRUE);
        chain.doFilter(new WithBearerToken(request, token), response);
    }

    /** Whether the request was authenticated by the console's session cookie (not by its own bearer token). */
    public static boolean fromSessionCookie(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(FROM_COOKIE));
    }

    private boolean csrfTokenMatches(HttpServletRequest request, String token) {
        String sent = request.getHeader(CSRF_HEADER);
        if (sent == null || sent.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.US_ASCII),
                tokens.csrfToken(token).getBytes(StandardCharsets.US_ASCII));
    }

    /** The request as if it had sent the cookie's access token as its bearer token. */
    private static final class WithBearerToken extends HttpServletRequestWrapper {
        private final String authorization;

        WithBearerToken(HttpServletRequest request, String token) {
            super(request);
            this.authorization = "Bearer " + token;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(authorization))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.add(HttpHeaders.AUTHORIZATION);
            return Collections.enumeration(names);
        }
    }
}
