package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.adapter.in.web.ClientAddresses;
import dev.tollgate.adapter.in.web.relay.anthropic.AnthropicMessages;
import dev.tollgate.adapter.in.web.relay.gemini.GeminiContents;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.RelayException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The filters of the relay's gateway routes ({@link RelayRoutes}). They run before a request body is read, so a
 * request beyond the node's limit of requests in flight, without a key or with a body over the limit is refused
 * without reading a byte of it.
 *
 * <p>Header hygiene needs no filter of its own: the upstream request is built from scratch by the provider adapter
 * with an allow-list of zero client headers, so the client's {@code Authorization}, hop-by-hop headers
 * ({@code Connection}, {@code TE}, …) and {@code X-Forwarded-*} never reach a provider; and the client address is
 * the socket's peer, or behind a configured trusted proxy the right-most untrusted {@code X-Forwarded-For} entry
 * ({@link ClientAddresses}; Spring's forwarded-header handling is off).
 */
final class RelayFilters {
    /** Request attribute holding the {@link ApiCredentials} the key filter read. */
    static final String CREDENTIALS = RelayFilters.class.getName() + ".credentials";

    private RelayFilters() {}

    /**
     * The API key: {@code Authorization: Bearer <key>} (OpenAI's SDKs) or {@code x-api-key: <key>} (Anthropic's); the
     * client address is the connection's peer (or, behind a trusted proxy, the address it forwarded).
     */
    static ApiCredentials readCredentials(HttpServletRequest request, ClientAddresses addresses) {
        ApiCredentials c = readBearerOrApiKey(request, addresses.of(request));
        if (c.apiKey() == null && request.getRequestURI().startsWith("/v1beta/")) {
            // Google's clients: x-goog-api-key or ?key=
            String key = request.getHeader("x-goog-api-key");
            if (key == null || key.isBlank()) {
                key = request.getParameter("key");
            }
            return new ApiCredentials(key == null || key.isBlank() ? null : key.trim(), c.clientAddress());
        }
        return c;
    }

    private static ApiCredentials readBearerOrApiKey(HttpServletRequest request, String clientAddress) {
        String key = null;
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = header.substring(7).trim();
        }
        if (key == null || key.isEmpty()) {
            String apiKey = request.getHeader("x-api-key");
            key = apiKey == null ? null : apiKey.trim();
        }
        return new ApiCredentials(key == null || key.isEmpty() ? null : key, clientAddress);
    }

    /**
     * Refuses a request that carries no API key (401, OpenAI's {@code invalid_api_key}) and hands the credentials to
     * the handler. Whether the key is valid is the relay use case's decision (an in-memory lookup by hash).
     */
    static HandlerFilterFunction<ServerResponse, ServerResponse> apiKey(
            OpenAiErrors errors, ClientAddresses addresses) {
        return apiKey(addresses, e -> error(errors, e));
    }

    /** The key filter answering in another protocol's error shape. */
    static HandlerFilterFunction<ServerResponse, ServerResponse> apiKey(
            ClientAddresses addresses, Function<RelayException, ServerResponse> refuse) {
        return (request, next) -> {
            ApiCredentials credentials = readCredentials(request.servletRequest(), addresses);
            if (credentials.apiKey() == null) {
                return refuse.apply(RelayException.invalidApiKey(
                        "no API key was given; send it as 'Authorization: Bearer sk-...' or 'x-api-key: sk-...'"));
            }
            request.servletRequest().setAttribute(CREDENTIALS, credentials);
            return next.handle(request);
        };
    }

    /**
     * Takes a place in flight for the request ({@link InFlightLimit}) before anything else is done with it, and gives
     * it back once the answer has been written; with every place taken, answers 503 with {@code Retry-After} at once.
     */
    static HandlerFilterFunction<ServerResponse, ServerResponse> inFlight(
            InFlightLimit limit, Function<RelayException, ServerResponse> refuse) {
        return (request, next) -> {
            InFlightLimit.Permit permit = limit.tryEnter();
            if (permit == null) {
                return refuse.apply(limit.overloaded());
            }
            try {
                return new PermitReleasingResponse(next.handle(request), permit);
            } catch (Exception | Error e) {
                permit.close();
                throw e;
            }
        };
    }

    /** The in-flight filter answering in OpenAI's error shape. */
    static HandlerFilterFunction<ServerResponse, ServerResponse> inFlight(InFlightLimit limit, OpenAiErrors errors) {
        return inFlight(limit, e -> error(errors, e));
    }

    /**
     * Refuses a body whose declared length is over the limit (413) before it is read; a chunked body is cut off at the
     * limit while it is read.
     */
    static HandlerFilterFunction<ServerResponse, ServerResponse> bodyLimit(long maxBodyBytes, OpenAiErrors errors) {
        return bodyLimit(maxBodyBytes, e -> error(errors, e));
    }

    /** The body-size filter answering in another protocol's error shape. */
    static HandlerFilterFunction<ServerResponse, ServerResponse> bodyLimit(
            long maxBodyBytes, Function<RelayException, ServerResponse> refuse) {
        return (request, next) -> {
            if (request.servletRequest().getContentLengthLong() > maxBodyBytes) {
                return refuse.apply(new RelayException(
                        413,
                        "invalid_request_error",
                        "request_too_large",
                        "the request body is larger than " + maxBodyBytes + " bytes"));
            }
            return next.handle(request);
        };
    }

    /** Google's error envelope for a refused request. */
    static ServerResponse geminiError(GeminiContents gemini, RelayException e) {
        ServerResponse.BodyBuilder builder =
                ServerResponse.status(HttpStatus.valueOf(e.status())).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return builder.body(gemini.error(e.status(), e.getMessage()));
    }

    /** Anthropic's error envelope for a refused request. */
    static ServerResponse anthropicError(AnthropicMessages messages, RelayException e) {
        ServerResponse.BodyBuilder builder =
                ServerResponse.status(HttpStatus.valueOf(e.status())).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return builder.body(messages.error(e.status(), e.getMessage()));
    }

    private static ServerResponse error(OpenAiErrors errors, RelayException e) {
        ServerResponse.BodyBuilder builder =
                ServerResponse.status(HttpStatus.valueOf(e.status())).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            builder.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return builder.body(errors.body(e));
    }
}
