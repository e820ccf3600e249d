package dev.tollgate.adapter.in.web.idempotency;

import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.common.port.out.IdempotencyPort;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on the money endpoints (top-ups, adjustments, redemptions, code batches): the first request
 * with a key runs and its answer is stored; a replay (same caller, same key, same request) gets that answer back
 * ({@code Idempotent-Replayed: true}) without a second effect; the same key with a different request → 422; a replay
 * while the first is still running → 409 with {@code Retry-After}. Runs after Spring Security, so the key is scoped
 * to the signed-in caller. A 5xx answer is not stored (the request may be retried).
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {
    static final String HEADER = "Idempotency-Key";
    private static final Pattern MONEY_PATHS = Pattern.compile(
            "/api/v1/(users|organizations)/[^/]+/wallet/(credits|debits)|/api/v1/redemptions|/api/v1/redemption-batches"
                    + "|/api/v1/check-in");
    private static final int MAX_BODY = 1 << 20;

    private final IdempotencyUseCase records;
    private final Problems problems;

    public IdempotencyFilter(IdempotencyUseCase records, Problems problems) {
        this.records = records;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                || !MONEY_PATHS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            chain.doFilter(request, response); // Spring Security answers 401 itself
            return;
        }
        if (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            problems.write(
                    request,
                    response,
                    HttpStatus.BAD_REQUEST,
                    "invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 200 printable ASCII characters");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            problems.write(
                    request, response, HttpStatus.PAYLOAD_TOO_LARGE, "request_too_large", "the request is too large");
            return;
        }
        String scope = "user:" + auth.getName();
        IdempotencyPort.Claim claim = records.claim(scope, key, hash(request, body));
        switch (claim.outcome()) {
            case REPLAY -> replay(claim.answer(), response);
            case MISMATCH ->
                problems.write(
                        request,
                        response,
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "idempotency_key_reused",
                        "this Idempotency-Key was used for a different request");
            case IN_PROGRESS -> {
                response.setHeader("Retry-After", "1");
                problems.write(
                        request,
                        response,
                        HttpStatus.CONFLICT,
                        "idempotency_key_in_progress",
                        "a request with this Idempotency-Key is still being handled; retry shortly");
            }
            case NEW -> run(new CachedBodyRequest(request, body), response, chain, scope, key);
        }
    }

    private void run(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, String scope, String key)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(request, wrapper);
            if (wrapper.getStatus() < 500) {
                records.complete(
                        scope,
                        key,
                        new IdempotencyPort.StoredAnswer(
                                wrapper.getStatus(), wrapper.getContentType(), wrapper.getContentAsByteArray()));
                stored = true;
            }
        } finally {
            if (!stored) {
                records.abandon(scope, key);
            }
            wrapper.copyBodyToResponse();
        }
    }

    /** Answers a replay with the first request's stored answer, marked {@code Idempotent-Replayed: true}. */
    public static void replay(IdempotencyPort.StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        byte[] stored = answer.body() == null ? new byte[0] : answer.body();
        response.setContentLength(stored.length);
        response.getOutputStream().write(stored);
    }

    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read (so that it could be hashed). */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
