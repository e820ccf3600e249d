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
    private static final byte[] COLON = ":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];

    private final HttpServletResponse response;
    private ServletOutputStream out;

    public ServletRelaySink(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void sendJson(int status, byte[] body) {
        sendBody(status, "application/json", body);
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
        writeFlushed(NOTHING, bytes, NOTHING);
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
        writeFlushed(DATA, data, END);
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        writeFlushed(("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8), data, END);
    }

    @Override
    public void sendComment(byte[] text) {
        writeFlushed(COLON, text, END);
    }

    @Override
    public void sendDone() {
        writeFlushed(DATA, DONE, END);
    }

    /** Writes {@code head}, {@code body} and {@code tail}, then flushes them to the client. */
    private void writeFlushed(byte[] head, byte[] body, byte[] tail) {
        try {
            out.write(head);
            out.write(body);
            out.write(tail);
            out.flush();
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }
}
