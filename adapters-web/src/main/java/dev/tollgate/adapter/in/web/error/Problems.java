package dev.tollgate.adapter.in.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Builds RFC 9457 problems with a stable {@code code} and the request's {@code traceId}. */
@Component
public class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static ProblemDetail problem(
            HttpServletRequest request, HttpStatus status, String code, String detail, Map<String, Object> extra) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://tollgate.dev/problems/" + code.replace('_', '-')));
        p.setTitle(status.getReasonPhrase());
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("code", code);
        p.setProperty("traceId", RequestIdFilter.idOf(request));
        extra.forEach(p::setProperty);
        return p;
    }

    /** Writes a problem directly (for the security filters, which run outside the controllers). */
    public void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        ProblemDetail p = problem(request, status, code, detail, Map.of());
        response.setStatus(status.value());
        response.setContentType(MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), p);
    }
}
