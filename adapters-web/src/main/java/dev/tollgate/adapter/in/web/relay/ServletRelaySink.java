package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RelaySink;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the relay's answer to the client's connection; SSE events are flushed one by one, never buffered. */
public final class ServletRelaySink implements RelaySink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private ServletOutputStream out;

    public ServletRelaySink(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void sendJson(int status, byte[] body) {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void sendBody(int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void startBinary(String contentType) {
        response.setStatus(200);
        response.setContentType(contentType);
        try {
            out = response.getOutputStream();
            response.flushBuffer();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void startStream() {
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            // no flush here: the first event's flush carries the head (one write less per stream)
            out = response.getOutputStream();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void sendEvent(byte[] data) {
        try {
            out.write(DATA);
            out.write(data);
            out.write(END);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        try {
            out.write(EVENT);
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.write(DATA);
            out.write(data);
            out.write(END);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void sendComment(byte[] text) {
        try {
            out.write(':');
            out.write(text);
            out.write(END);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    @Override
    public void sendDone() {
        try {
            out.write(DONE);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }
}
