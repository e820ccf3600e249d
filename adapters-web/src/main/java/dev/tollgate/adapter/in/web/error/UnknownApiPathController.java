package dev.tollgate.adapter.in.web.error;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any {@code /api/**} path no other controller serves: a 404 problem instead of an HTML error page. */
@RestController
public class UnknownApiPathController {

    @RequestMapping("/api/**")
    ResponseEntity<ProblemDetail> unknown(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .body(Problems.problem(
                        request,
                        HttpStatus.NOT_FOUND,
                        "not_found",
                        "no such resource: " + request.getMethod() + " " + request.getRequestURI(),
                        Map.of()));
    }
}
