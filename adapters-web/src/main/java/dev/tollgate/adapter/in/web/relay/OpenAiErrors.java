package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.relay.port.in.RelayException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}. */
final class OpenAiErrors {
    private final ObjectMapper mapper;

    OpenAiErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(HttpServletResponse response, RelayException e) throws IOException {
        String param = e instanceof RelayRequestParser.ParamRelayException p ? p.param() : null;
        write(response, e.status(), e.type(), e.code(), e.getMessage(), param, e.retryAfterSeconds());
    }

    /** The envelope of {@code e} as JSON bytes. */
    byte[] body(RelayException e) {
        String param = e instanceof RelayRequestParser.ParamRelayException p ? p.param() : null;
        try {
            return body(e.type(), e.code(), e.getMessage(), param);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private byte[] body(String type, String code, String message, String param) throws IOException {
        ObjectNode error = mapper.createObjectNode();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode root = mapper.createObjectNode();
        root.set("error", error);
        return mapper.writeValueAsBytes(root);
    }

    void write(
            HttpServletResponse response,
            int status,
            String type,
            String code,
            String message,
            String param,
            Long retryAfterSeconds)
            throws IOException {
        byte[] body = body(type, code, message, param);
        response.setStatus(status);
        response.setContentType("application/json");
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
