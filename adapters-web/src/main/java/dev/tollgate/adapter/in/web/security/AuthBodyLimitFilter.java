package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.error.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the bodies of the unauthenticated {@code /api/v1/auth/**} endpoints (login, registration, password reset,
 * sign-in code exchange) to {@value #MAX_BODY_BYTES} bytes: a declared larger body is 413 before anything is read,
 * and a body without a declared length stops being read at the limit (the request fails as malformed). None of them
 * needs more; a password is at most a few hundred characters.
 */
@Component
public class AuthBodyLimitFilter extends OncePerRequestFilter {
    /** Largest body accepted on {@code /api/v1/auth/**}. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final Problems problems;

    public AuthBodyLimitFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            problems.write(
                    request,
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    "the body of this endpoint may be at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    private ServletInputStream bounded;

                    @Override
                    public ServletInputStream getInputStream() throws IOException {
                        if (bounded == null) {
                            bounded = new Bounded(super.getInputStream());
                        }
                        return bounded;
                    }
                },
                response);
    }

    /** The request body, failing once more than {@link #MAX_BODY_BYTES} were read. */
    private static final class Bounded extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        Bounded(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > MAX_BODY_BYTES) {
                throw new IOException("the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
