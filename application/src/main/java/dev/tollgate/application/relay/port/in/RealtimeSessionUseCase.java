package dev.tollgate.application.relay.port.in;

/**
 * One relayed realtime session, between the client's WebSocket (the inbound adapter's) and the upstream's. The inbound
 * adapter hands over each whole client message and tells how the client's side ended; the session forwards, meters
 * and, when it ends for any reason, settles or releases every hold it has open.
 */
public interface RealtimeSessionUseCase {
    /** The client's connection was upgraded: events start to flow both ways. */
    void start(RealtimeClientSink client);

    /** A whole text message of the client, within {@link #maxMessageBytes()}. */
    void onClientEvent(RealtimeClientEvent event);

    /** The client's connection closed (by the client, or the network cut it). */
    void onClientClosed(int code, String reason);

    /**
     * The client sent a message larger than {@link #maxMessageBytes()}: the session ends with an error event
     * ({@code message_too_large}).
     */
    void onClientMessageTooLarge();

    /** The upgrade did not happen: the upstream session is closed and the slots given back. */
    void abandon();

    /** The largest client message accepted, in bytes. */
    long maxMessageBytes();
}
