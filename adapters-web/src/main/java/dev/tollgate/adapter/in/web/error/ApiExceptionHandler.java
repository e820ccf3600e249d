package dev.tollgate.adapter.in.web.error;

import dev.tollgate.application.account.port.in.LoginRefusedException;
import dev.tollgate.application.account.port.in.LoginThrottledException;
import dev.tollgate.application.billing.port.in.RedemptionThrottledException;
import dev.tollgate.application.common.LogText;
import dev.tollgate.application.common.RateLimitedException;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The admin API's error table: every failure becomes an RFC 9457 problem with a real status and a stable code.
 * Applies to the admin controllers only; the relay answers in OpenAI's error shape itself.
 */
@RestControllerAdvice(
        basePackages = {
            "dev.tollgate.adapter.in.web.auth",
            "dev.tollgate.adapter.in.web.channel",
            "dev.tollgate.adapter.in.web.token",
            "dev.tollgate.adapter.in.web.price",
            "dev.tollgate.adapter.in.web.status",
            "dev.tollgate.adapter.in.web.error",
            "dev.tollgate.adapter.in.web.usage",
            "dev.tollgate.adapter.in.web.user",
            "dev.tollgate.adapter.in.web.organization",
            "dev.tollgate.adapter.in.web.audit",
            "dev.tollgate.adapter.in.web.redemption",
            "dev.tollgate.adapter.in.web.ledger",
            "dev.tollgate.adapter.in.web.migration",
            "dev.tollgate.adapter.in.web.configfile",
            "dev.tollgate.adapter.in.web.notification"
        })
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final MediaType PROBLEM = MediaType.parseMediaType(Problems.MEDIA_TYPE);

    private static ResponseEntity<ProblemDetail> respond(
            HttpServletRequest request, HttpStatus status, String code, String detail, Map<String, Object> extra) {
        return ResponseEntity.status(status)
                .contentType(PROBLEM)
                .body(Problems.problem(request, status, code, detail, extra));
    }

    private static ResponseEntity<ProblemDetail> withRetryAfter(ResponseEntity<ProblemDetail> r, long seconds) {
        return ResponseEntity.status(r.getStatusCode())
                .headers(h -> {
                    h.addAll(r.getHeaders());
                    h.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                })
                .body(r.getBody());
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e, HttpServletRequest request) {
        return respond(request, HttpStatus.BAD_REQUEST, "invalid_value", e.getMessage(), Map.of("field", e.field()));
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletRequest request) {
        HttpStatus status = switch (e.errorCode().kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case GONE -> HttpStatus.GONE;
        };
        return respond(request, status, e.errorCode().code(), e.getMessage(), Map.of());
    }

    @ExceptionHandler(LoginRefusedException.class)
    ResponseEntity<ProblemDetail> loginRefused(LoginRefusedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.UNAUTHORIZED, "invalid_credentials", "wrong username or password", Map.of());
    }

    @ExceptionHandler(LoginThrottledException.class)
    ResponseEntity<ProblemDetail> loginThrottled(LoginThrottledException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> r =
                respond(request, HttpStatus.TOO_MANY_REQUESTS, "too_many_login_attempts", e.getMessage(), Map.of());
        return withRetryAfter(r, e.retryAfterSeconds());
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> r =
                respond(request, HttpStatus.TOO_MANY_REQUESTS, e.code(), e.getMessage(), Map.of());
        return withRetryAfter(r, e.retryAfterSeconds());
    }

    @ExceptionHandler(RedemptionThrottledException.class)
    ResponseEntity<ProblemDetail> redemptionThrottled(RedemptionThrottledException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> r = respond(
                request, HttpStatus.TOO_MANY_REQUESTS, "too_many_redemption_attempts", e.getMessage(), Map.of());
        return withRetryAfter(r, e.retryAfterSeconds());
    }

    @ExceptionHandler({
        HttpMessageNotReadableException.class,
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        RequestRejectedException.class
    })
    ResponseEntity<ProblemDetail> unreadable(Exception e, HttpServletRequest request) {
        return respond(
                request,
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "the request is malformed: check the JSON syntax and the types of its fields",
                Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(
                request,
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send JSON with Content-Type: application/json",
                Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage(), Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return respond(
                request, HttpStatus.NOT_FOUND, "not_found", "no such resource: " + request.getRequestURI(), Map.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return respond(
                request, HttpStatus.PAYLOAD_TOO_LARGE, "request_too_large", "the request is too large", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseOutage.causedBy(e)) {
            log.warn(
                    "{} {} failed: the database cannot be reached or refuses writes (trace {}): {}",
                    request.getMethod(),
                    LogText.safe(request.getRequestURI()),
                    RequestIdFilter.idOf(request),
                    e.toString());
            ResponseEntity<ProblemDetail> r = respond(
                    request,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "database_unavailable",
                    "the database cannot be reached or refuses writes; try again in a few seconds",
                    Map.of());
            return withRetryAfter(r, 5);
        }
        log.error(
                "unexpected failure of {} {} (trace {})",
                request.getMethod(),
                LogText.safe(request.getRequestURI()),
                RequestIdFilter.idOf(request),
                e);
        return respond(
                request,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "an unexpected error occurred; quote the traceId when reporting it",
                Map.of());
    }
}
