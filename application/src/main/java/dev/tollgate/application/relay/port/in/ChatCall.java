package dev.tollgate.application.relay.port.in;

/**
 * A chat completion request as the relay needs it. The web adapter has checked that the body is a JSON object of
 * the right shape and extracted these fields; the body itself is forwarded as is.
 *
 * @param clientIncludeUsage the client asked for {@code stream_options.include_usage}
 * @param maxTokens          the client's {@code max_completion_tokens} or {@code max_tokens}, or null
 * @param promptBytes        UTF-8 bytes of all text in the messages (an upper bound of the prompt's tokens)
 * @param messageCount       number of messages
 * @param promptText         the text of the messages, computed only when asked (to count the prompt's tokens when
 *                           the upstream reports no usage)
 */
public record ChatCall(
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
