package dev.tollgate.application.relay.port.in;

import dev.tollgate.application.relay.port.out.RealtimeUpstreamEvent;

/** What an upstream realtime session delivers, one call at a time (the outbound adapter writes to it). */
public interface RealtimeUpstreamSink {
    void onEvent(RealtimeUpstreamEvent event);

    /** The upstream closed the session. */
    void onClosed(int code, String reason);

    /** The connection broke (reset, time-out, malformed frames). */
    void onFailure(Throwable error);
}
