package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RealtimeClientSink;
import dev.tollgate.application.relay.port.in.RealtimeSessionUseCase;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's WebSocket of one realtime session (a Jakarta WebSocket endpoint on Tomcat, created per upgrade).
 * Messages arrive in fragments of at most {@link #FRAGMENT_CHARS} characters (Tomcat's buffer per connection stays
 * small however large a message may be) and are joined here up to the session's message limit.
 */
final class RealtimeEndpoint extends Endpoint implements RealtimeClientSink {
    private static final Logger log = LoggerFactory.getLogger(RealtimeEndpoint.class);
    /** Tomcat's text buffer per connection: larger messages come in parts. */
    static final int FRAGMENT_CHARS = 8 * 1024;

    private final RealtimeSessionUseCase session;
    private final RealtimeClientEvents events;
    private final ReentrantLock sending = new ReentrantLock();
    private final StringBuilder partial = new StringBuilder();
    private boolean oversized;
    private final InFlightLimit.Permit permit;
    private volatile Session socket;

    RealtimeEndpoint(RealtimeSessionUseCase session, RealtimeClientEvents events, InFlightLimit.Permit permit) {
        this.session = session;
        this.events = events;
        this.permit = permit;
    }

    @Override
    public void onOpen(Session socket, EndpointConfig config) {
        this.socket = socket;
        socket.setMaxIdleTimeout(0); // the session's own idle time-out covers both directions
        socket.setMaxTextMessageBufferSize(FRAGMENT_CHARS);
        socket.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onText);
        session.start(this);
    }

    private void onText(String fragment, boolean last) {
        if (oversized) {
            return;
        }
        if ((long) partial.length() + fragment.length() > session.maxMessageBytes()) {
            oversized = true;
            partial.setLength(0);
            partial.trimToSize();
            session.onClientMessageTooLarge();
            return;
        }
        String text;
        if (last && partial.isEmpty()) {
            text = fragment;
        } else {
            partial.append(fragment);
            if (!last) {
                return;
            }
            text = partial.toString();
            partial.setLength(0);
            if (partial.capacity() > FRAGMENT_CHARS) {
                partial.trimToSize();
            }
        }
        session.onClientEvent(events.read(text));
    }

    @Override
    public void onClose(Session socket, CloseReason closeReason) {
        try {
            session.onClientClosed(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase());
        } finally {
            permit.close();
        }
    }

    @Override
    public void onError(Session socket, Throwable error) {
        log.debug("realtime client connection failed: {}", error.toString());
        try {
            session.onClientClosed(1006, "connection failed");
        } finally {
            permit.close();
        }
    }

    @Override
    public void send(String text) {
        Session s = socket;
        sending.lock();
        try {
            s.getBasicRemote().sendText(text);
        } catch (IOException | IllegalStateException e) {
            throw new ClientGoneException(e);
        } finally {
            sending.unlock();
        }
    }

    @Override
    public void sendError(String type, String code, String message) {
        send(events.error("event_" + Long.toHexString(System.nanoTime()), type, code, message));
    }

    @Override
    public void close(int code, String reason) {
        Session s = socket;
        if (s == null || !s.isOpen()) {
            return;
        }
        sending.lock();
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), fit(reason)));
        } catch (IOException | IllegalStateException e) {
            log.debug("realtime client connection already gone: {}", e.toString());
        } finally {
            sending.unlock();
        }
    }

    /** A close reason is at most 123 bytes of UTF-8. */
    private static String fit(String reason) {
        if (reason == null) {
            return "";
        }
        String r = reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 123) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
