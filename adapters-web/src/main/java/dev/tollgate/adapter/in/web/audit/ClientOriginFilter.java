package dev.tollgate.adapter.in.web.audit;

import dev.tollgate.adapter.in.web.error.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the client address (the TCP peer; there are no trusted proxies yet) and the request id of every admin API
 * request as the thread's {@link ClientOrigin}. The relay ({@code /v1/**}) is left alone: it publishes no event on
 * the request thread.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ClientOriginFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ClientOrigin.set(new ClientOrigin(request.getRemoteAddr(), RequestIdFilter.idOf(request)));
        try {
            chain.doFilter(request, response);
        } finally {
            ClientOrigin.clear();
        }
    }
}
