package dev.tollgate.adapter.in.web.relay.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.ServletRelaySink;
import dev.tollgate.application.responses.port.in.ResponseEventLog;
import dev.tollgate.application.responses.port.in.ResponseEventLog.Event;
import dev.tollgate.application.responses.port.in.ResponseEventLog.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes a streamed background response's events to one client as SSE: those from a sequence number on, then the
 * live ones as they come, until the response ends (a keep-alive comment every {@value #KEEP_ALIVE_SECONDS} s of
 * silence). The client may leave at any time ({@code ClientGoneException}); the response runs on. A client too slow
 * for the log's bound (its next event was dropped) gets an {@code error} event and the stream ends.
 */
public final class ResponseEventFollower {
    static final int KEEP_ALIVE_SECONDS = 15;
    private static final byte[] KEEP_ALIVE = " keep-alive".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper mapper;

    public ResponseEventFollower(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Follows {@code log} from sequence number {@code from} on, until it ends or the client leaves. */
    public void follow(ResponseEventLog log, long from, HttpServletResponse response) {
        ServletRelaySink out = new ServletRelaySink(response);
        out.startStream();
        long next = from;
        // the first read does not wait: with nothing to send yet, a comment sends the head at once
        Duration wait = Duration.ZERO;
        try {
            while (true) {
                Page page = log.read(next, wait);
                wait = Duration.ofSeconds(KEEP_ALIVE_SECONDS);
                if (page.lost()) {
                    out.sendNamedEvent("error", lost(next, page.firstKept()));
                    return;
                }
                for (Event e : page.events()) {
                    out.sendNamedEvent(e.type(), e.data());
                    next = e.sequence() + 1;
                }
                if (page.events().isEmpty()) {
                    if (page.ended()) {
                        return;
                    }
                    out.sendComment(KEEP_ALIVE);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The message of a resume that asks for events no longer kept. */
    public static String lostMessage(long firstKept) {
        return "The events before sequence_number " + firstKept + " of this response are no longer kept (each "
                + "response keeps its latest events only); resume from a later sequence_number, or GET the "
                + "response without stream=true.";
    }

    private byte[] lost(long next, long firstKept) {
        ObjectNode error = mapper.createObjectNode()
                .put("type", "error")
                .put("code", "events_dropped")
                .put("message", lostMessage(firstKept));
        error.putNull("param");
        error.put("sequence_number", next);
        try {
            return mapper.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
