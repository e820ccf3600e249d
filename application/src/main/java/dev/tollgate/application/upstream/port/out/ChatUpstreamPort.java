package dev.tollgate.application.upstream.port.out;

/** Sends chat completion requests to upstream providers. */
public interface ChatUpstreamPort {
    /**
     * Sends one attempt and returns once the response head arrived. Throws {@link UpstreamException} when no
     * response head arrived (connection refused, timeout before the first byte).
     */
    UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException;
}
