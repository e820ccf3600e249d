package dev.tollgate.adapter.in.web.relay;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A functional-endpoint answer that the relay writes itself on the servlet response: status, headers and body
 * (JSON, SSE events flushed one by one, binary audio) are decided while the upstream answers, so nothing is
 * buffered by the framework (unlike the gateway's proxy exchange, which buffers SSE: spring-cloud-gateway #3410).
 */
final class ServletWritingResponse implements ServerResponse {
    /** Writes the whole answer. */
    @FunctionalInterface
    interface Writer {
        void write(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final Writer writer;

    ServletWritingResponse(Writer writer) {
        this.writer = writer;
    }

    @Override
    public HttpStatusCode statusCode() {
        return HttpStatus.OK;
    }

    @Override
    @Deprecated
    public int rawStatusCode() {
        return HttpStatus.OK.value();
    }

    @Override
    public HttpHeaders headers() {
        return new HttpHeaders();
    }

    @Override
    public MultiValueMap<String, Cookie> cookies() {
        return new LinkedMultiValueMap<>();
    }

    @Override
    public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
            throws IOException {
        writer.write(request, response);
        return null;
    }
}
