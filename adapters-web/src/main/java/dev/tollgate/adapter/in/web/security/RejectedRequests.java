package dev.tollgate.adapter.in.web.security;

import dev.tollgate.adapter.in.web.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the security firewall refused (a control character in a parameter's name, an encoded slash or
 * NUL in the path, a header value that is not text) in the shape of the API it was sent to: an OpenAI error on the
 * relay's paths, problem+json everywhere else, 400 {@code invalid_request} both. Without it the firewall's refusal
 * went to the servlet container's error page as plain JSON of another shape.
 */
final class RejectedRequests implements RequestRejectedHandler {
    private static final byte[] RELAY_BODY =
            ("{\"error\":{\"message\":\"the request was refused: its path, a parameter "
                            + "or a header holds characters that are not allowed\",\"type\":\"invalid_request_error\","
                            + "\"param\":null,\"code\":\"invalid_request\"}}")
                    .getBytes(StandardCharsets.UTF_8);
    private final Problems problems;

    RejectedRequests(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException refused)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String path = request.getRequestURI();
        if (path != null && (path.startsWith("/v1/") || path.startsWith("/v1beta/"))) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(RELAY_BODY.length);
            response.getOutputStream().write(RELAY_BODY);
            return;
        }
        problems.write(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "the request was refused: its path, a parameter or a header holds characters that are not allowed");
    }
}
