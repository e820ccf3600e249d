package dev.tollgate.application.upstream.port.out;

import java.time.Duration;

/**
 * One attempt of a relayed request against one channel.
 *
 * @param endpoint           which OpenAI endpoint (chat completions, completions, embeddings)
 * @param clientBody         the client's JSON body, byte for byte; forwarded unchanged unless one of the
 *                           overrides below needs a change (then every other field is kept as is)
 * @param requestedModel     the model the client asked for; answers show this name even when mapped
 * @param upstreamModel      the model name to send upstream (differs from requestedModel when mapped)
 * @param stream             whether the client asked for {@code stream:true}
 * @param forceIncludeUsage  set {@code stream_options.include_usage=true} (the client did not ask for it)
 * @param maxTokensOverride  when not null, the output-token limit to send (replacing the client's
 *                           {@code max_completion_tokens} if it used that field, else {@code max_tokens})
 * @param firstByteTimeout   how long to wait for the response head
 * @param contentType        the body's media type: JSON, or the client's multipart type with its boundary
 * @param nativeRequest      the client's request in its own protocol, or null: an adapter of that protocol sends it
 *                           as is (with only the same changes as above) and answers with
 *                           {@link CompletedChat#nativeFormat()} / named stream events in that protocol
 * @param traceparent        the W3C {@code traceparent} of this attempt's span, sent upstream where the provider
 *                           accepts it; null when tracing is off
 */
public record UpstreamChatRequest(
        RelayEndpoint endpoint,
        String requestId,
        UpstreamTarget target,
        byte[] clientBody,
        String requestedModel,
        String upstreamModel,
        boolean stream,
        boolean forceIncludeUsage,
        Long maxTokensOverride,
        Duration firstByteTimeout,
        String contentType,
        NativeRequest nativeRequest,
        String traceparent) {
    /** The same request to another target (the same channel reached through a proxy). */
    public UpstreamChatRequest withTarget(UpstreamTarget other) {
        return new UpstreamChatRequest(
                endpoint,
                requestId,
                other,
                clientBody,
                requestedModel,
                upstreamModel,
                stream,
                forceIncludeUsage,
                maxTokensOverride,
                firstByteTimeout,
                contentType,
                nativeRequest,
                traceparent);
    }

    /** A JSON request. */
    public UpstreamChatRequest(
            RelayEndpoint endpoint,
            String requestId,
            UpstreamTarget target,
            byte[] clientBody,
            String requestedModel,
            String upstreamModel,
            boolean stream,
            boolean forceIncludeUsage,
            Long maxTokensOverride,
            Duration firstByteTimeout) {
        this(
                endpoint,
                requestId,
                target,
                clientBody,
                requestedModel,
                upstreamModel,
                stream,
                forceIncludeUsage,
                maxTokensOverride,
                firstByteTimeout,
                "application/json",
                null,
                null);
    }
}
