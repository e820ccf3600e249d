package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RelaySink;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Where a background response's answer goes: nowhere (the {@link ResponsesSink} in front keeps it), until it is
 * cancelled: then the next write ends the relay as a client that left would, so what was generated is billed and
 * nothing more is read.
 */
final class BackgroundSink implements RelaySink {
    private final BooleanSupplier cancelled;

    BackgroundSink(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    private void check() {
        if (cancelled.getAsBoolean()) {
            throw new ClientGoneException(new CancellationException("the background response was cancelled"));
        }
    }

    @Override
    public void sendJson(int status, byte[] body) {
        check();
    }

    @Override
    public void sendBody(int status, String contentType, byte[] body) {
        check();
    }

    @Override
    public void startBinary(String contentType) {
        check();
    }

    @Override
    public void sendBytes(byte[] bytes) {
        check();
    }

    @Override
    public void startStream() {
        check();
    }

    @Override
    public void sendEvent(byte[] data) {
        check();
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        check();
    }

    @Override
    public void sendComment(byte[] text) {
        check();
    }

    @Override
    public void sendDone() {
        check();
    }
}
