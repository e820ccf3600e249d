package dev.tollgate.application.relay.port.out;

/** What an upstream realtime session delivers, one call at a time. */
public interface RealtimeUpstreamListener {
    void onEvent(RealtimeUpstreamEvent event);

    /** The upstream closed the session. */
    void onClosed(int code, String reason);

    /** The connection broke (reset, time-out, malformed frames). */
    void onFailure(Throwable error);
}
