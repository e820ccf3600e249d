package dev.tollgate.adapter.in.web.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Spring Security's filter, except for plain relay paths. The relay checks API keys itself and was already outside
 * every security filter chain ({@code web.ignoring()}); but the security filter still ran for its requests: the
 * firewall, the matching of the ignored paths and, above all, the handler-mapping cache that Spring Security puts in
 * front of its chains for MVC matchers — a lookup of the request's handler before the dispatcher looks it up again.
 * A request whose path starts with {@code /v1/} or {@code /v1beta/} and holds only letters, digits and {@code /_-.:}
 * (no {@code ..}, no {@code //}, no encoded or parameter characters) goes straight on; any other request, relay paths
 * with odd characters included, passes the security filter and its firewall as before.
 */
final class SecurityFilterOutsideRelay implements Filter {
    private final Filter security;

    SecurityFilterOutsideRelay(Filter security) {
        this.security = security;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && plainRelayPath(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        security.doFilter(request, response, chain);
    }

    /** Whether the raw path is a relay path with nothing the firewall would look at twice. */
    static boolean plainRelayPath(String uri) {
        if (uri == null
                || !(uri.startsWith("/v1/") || uri.startsWith("/v1beta/"))
                || uri.contains("..")
                || uri.contains("//")) {
            return false;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean plain = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '/'
                    || c == '_'
                    || c == '-'
                    || c == '.'
                    || c == ':';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
