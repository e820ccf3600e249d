package dev.tollgate.application.relay.port.in;

import dev.tollgate.application.upstream.port.out.NativeRequest;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import java.util.function.Supplier;

/**
 * A relayed request (chat completion, completion or embeddings) as the relay needs it. The web adapter has checked
 * that the body is a JSON object of the right shape and extracted these fields; the body itself is forwarded as is.
 *
 * @param clientIncludeUsage the client asked for {@code stream_options.include_usage}
 * @param maxTokens          the client's {@code max_completion_tokens} or {@code max_tokens}, or null
 * @param promptBytes        an upper bound of the prompt's tokens: UTF-8 bytes of its text plus one per token id
 * @param messageCount       number of chat messages (0 for completions and embeddings)
 * @param promptText         the prompt's text, computed only when asked (to count its tokens when the upstream
 *                           reports no usage)
 * @param contentType        the body's media type as the client sent it (with its boundary for multipart)
 * @param units              what the endpoint is priced by besides tokens: images asked for ({@code n}), characters
 *                           to speak, or an upper bound of the seconds of audio to transcribe; 0 otherwise
 * @param nativeRequest      the client's request in another protocol (Anthropic's), for channels that speak it;
 *                           null for OpenAI clients
 * @param converted          the call in another form for channels of some types (see {@link #formFor}), or null
 */
public record RelayCall(
        RelayEndpoint endpoint,
        ApiCredentials credentials,
        String model,
        boolean stream,
        boolean clientIncludeUsage,
        Long maxTokens,
        long promptBytes,
        int messageCount,
        byte[] body,
        Supplier<String> promptText,
        String contentType,
        long units,
        NativeRequest nativeRequest,
        ConvertedForm converted) {
    /** The same call, with a converted form for channels of other types. */
    public RelayCall withConverted(ConvertedForm form) {
        return with(nativeRequest, form);
    }

    /** The form a channel of this type gets: the converted one when it is for that type, else this call. */
    public RelayCall formFor(String channelType) {
        return converted != null && converted.channelTypes().contains(channelType) ? converted.call() : this;
    }

    /** The same call, carrying the client's request in its own protocol. */
    public RelayCall withNative(NativeRequest nativeRequest) {
        return with(nativeRequest, converted);
    }

    private RelayCall with(NativeRequest nativeForm, ConvertedForm convertedForm) {
        return new RelayCall(
                endpoint,
                credentials,
                model,
                stream,
                clientIncludeUsage,
                maxTokens,
                promptBytes,
                messageCount,
                body,
                promptText,
                contentType,
                units,
                nativeForm,
                convertedForm);
    }

    /**
     * A JSON request.
     */
    public RelayCall(
            RelayEndpoint endpoint,
            ApiCredentials credentials,
            String model,
            boolean stream,
            boolean clientIncludeUsage,
            Long maxTokens,
            long promptBytes,
            int messageCount,
            byte[] body,
            Supplier<String> promptText) {
        this(
                endpoint,
                credentials,
                model,
                stream,
                clientIncludeUsage,
                maxTokens,
                promptBytes,
                messageCount,
                body,
                promptText,
                "application/json",
                0,
                null,
                null);
    }
}
