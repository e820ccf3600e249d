package dev.tollgate.application.relay.port.in;

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
        java.util.function.Supplier<String> promptText) {
}
