package dev.tollgate.adapter.in.web.relay.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RelaySink;
import dev.tollgate.application.responses.port.in.ResponseEventLog;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Where a background response's answer goes: the {@link ResponsesSink} in front keeps the response; a streamed one's
 * Responses events go to its event log (each stamped with the log's {@code sequence_number}, and the response's id
 * made Tollgate's in the events that carry the response), for the clients that follow or resume it. When the response
 * is cancelled, the next write ends the relay as a client that left would, so what was generated is billed and
 * nothing more is read.
 */
public final class BackgroundSink implements RelaySink {
    private final BooleanSupplier cancelled;
    private final ResponseEventLog events;
    private final ObjectMapper mapper;
    private final String responseId;

    /** @param events where a streamed response's events go; null when it was not asked as a stream */
    public BackgroundSink(BooleanSupplier cancelled, ResponseEventLog events, ObjectMapper mapper, String responseId) {
        this.cancelled = cancelled;
        this.events = events;
        this.mapper = mapper;
        this.responseId = responseId;
    }

    /** Appends an event to the log (when the response is streamed). */
    public void append(String type, ObjectNode event) {
        if (events == null) {
            return;
        }
        events.append(type, sequence -> {
            ObjectNode stamped = event.deepCopy();
            stamped.put("type", type).put("sequence_number", sequence);
            if (stamped.get("response") instanceof ObjectNode response) {
                response.put("id", responseId).put("background", true);
            }
            try {
                return mapper.writeValueAsBytes(stamped);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
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
        if (events != null) {
            try {
                if (mapper.readTree(data) instanceof ObjectNode object) {
                    append(event, object);
                }
            } catch (IOException e) {
                // not JSON: not a Responses event a client could read
            }
        }
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
