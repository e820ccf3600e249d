package dev.tollgate.adapter.in.web.relay;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * An answer that gives its request's place in flight back once it has been written. The relay writes its answers in
 * {@link #writeTo} (a stream until its last event), so that is where a request stops being in flight, whether it ends
 * normally, with an error or with the client gone.
 */
final class PermitReleasingResponse implements ServerResponse {
    private final ServerResponse answer;
    private final InFlightLimit.Permit permit;

    PermitReleasingResponse(ServerResponse answer, InFlightLimit.Permit permit) {
        this.answer = answer;
        this.permit = permit;
    }

    @Override
    public HttpStatusCode statusCode() {
        return answer.statusCode();
    }

    @Override
    @Deprecated
    public int rawStatusCode() {
        return answer.statusCode().value();
    }

    @Override
    public HttpHeaders headers() {
        return answer.headers();
    }

    @Override
    public MultiValueMap<String, Cookie> cookies() {
        return answer.cookies();
    }

    @Override
    public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response, Context context)
            throws ServletException, IOException {
        try {
            return answer.writeTo(request, response, context);
        } finally {
            permit.close();
        }
    }
}
