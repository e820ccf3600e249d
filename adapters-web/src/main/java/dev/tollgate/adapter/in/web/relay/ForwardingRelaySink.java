package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.application.relay.port.in.RelaySink;

/** A sink that passes everything on to another; a converting sink overrides what it converts. */
public abstract class ForwardingRelaySink implements RelaySink {
    protected final RelaySink out;

    protected ForwardingRelaySink(RelaySink out) {
        this.out = out;
    }

    @Override
    public void sendJson(int status, byte[] body) {
        out.sendJson(status, body);
    }

    @Override
    public void sendBody(int status, String contentType, byte[] body) {
        out.sendBody(status, contentType, body);
    }

    @Override
    public void startBinary(String contentType) {
        out.startBinary(contentType);
    }

    @Override
    public void sendBytes(byte[] bytes) {
        out.sendBytes(bytes);
    }

    @Override
    public void startStream() {
        out.startStream();
    }

    @Override
    public void sendEvent(byte[] data) {
        out.sendEvent(data);
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        out.sendNamedEvent(event, data);
    }

    @Override
    public void sendComment(byte[] text) {
        out.sendComment(text);
    }

    @Override
    public void sendDone() {
        out.sendDone();
    }
}
