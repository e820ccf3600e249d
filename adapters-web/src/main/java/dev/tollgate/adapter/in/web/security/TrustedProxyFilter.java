package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.ClientAddresses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind a trusted reverse proxy, the admin API's requests report the client's address, not the proxy's: the login
 * throttle, the registration limit, the CAPTCHA's {@code remoteip} and the audit log all read
 * {@link HttpServletRequest#getRemoteAddr()}, which this filter answers from {@link ClientAddresses}. A peer that is
 * not a trusted proxy keeps its own address, whatever {@code X-Forwarded-For} says. Registered only when a proxy is
 * trusted, and not on the relay, which reads the same addresses itself.
 */
public class TrustedProxyFilter extends OncePerRequestFilter {
    private final ClientAddresses addresses;

    public TrustedProxyFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = addresses.of(request);
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteAddr() {
                        return client;
                    }

                    @Override
                    public String getRemoteHost() {
                        return client;
                    }
                },
                response);
    }
}
