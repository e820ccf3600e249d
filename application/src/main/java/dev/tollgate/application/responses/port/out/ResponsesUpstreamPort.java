package dev.tollgate.application.responses.port.out;

import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;

/**
 * Calls a response's own endpoints on the OpenAI or Azure OpenAI channel that made it ({@code GET}, {@code DELETE},
 * {@code input_items}, {@code cancel}), with the channel's key.
 */
public interface ResponsesUpstreamPort {
    /**
     * One call; {@code pathAndQuery} is relative to the responses collection, e.g. {@code resp_1/input_items?limit=5}.
     *
     * @throws UpstreamException the upstream could not be reached or did not answer in time
     */
    ForwardedReply forward(UpstreamTarget target, String method, String pathAndQuery) throws UpstreamException;

    /** The upstream's answer, passed to the client as is. */
    record ForwardedReply(int status, String contentType, byte[] body) {}
}
