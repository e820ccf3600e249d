package dev.tollgate.application.relay.port.in;

/** The client's side of a realtime session, as the inbound adapter offers it to the session. */
public interface RealtimeClientSink {
    /**
     * Sends one whole text message (an upstream event, as it came).
     *
     * @throws ClientGoneException when the client's connection is gone
     */
    void send(String text);

    /** Sends an OpenAI-shaped {@code error} event ({@code {"type":"error","error":{type,code,message,...}}}). */
    void sendError(String type, String code, String message);

    /** Closes the connection with a WebSocket close code and reason (nothing happens when it is closed already). */
    void close(int code, String reason);
}
