package dev.tollgate.application.relay.port.out;

import dev.tollgate.application.relay.port.in.RealtimeUpstreamSink;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;

/**
 * Opens realtime sessions (WebSockets) on OpenAI and Azure OpenAI channels with the channel's key, never the client's.
 */
public interface RealtimeUpstreamPort {
    /**
     * Connects a session for {@code upstreamModel} on the target. No event is delivered to the listener before
     * {@link RealtimeUpstreamSessionPort#start()}.
     *
     * @param openAiBeta the client's {@code OpenAI-Beta} value ({@code realtime=v1} picks the beta protocol), or null
     *
     * @throws RealtimeConnectException the upstream refused the handshake or could not be reached in time
     */
    RealtimeUpstreamSessionPort connect(
            UpstreamTarget target, String upstreamModel, String openAiBeta, RealtimeUpstreamSink listener)
            throws RealtimeConnectException;
}
