package dev.tollgate.application.upstream.port.out;

/**
 * What an upstream reported it used. Negative or absent figures are reported as 0 by the adapter.
 *
 * @param promptTokens       input tokens (including cached ones)
 * @param completionTokens   output tokens (including reasoning ones)
 * @param cachedPromptTokens input tokens served from the provider's prompt cache (a part of promptTokens)
 * @param reasoningTokens    output tokens spent on reasoning (a part of completionTokens)
 * @param audioSeconds       seconds of audio transcribed, when the provider bills by duration (else 0)
 * @param cacheWriteTokens   input tokens written to the provider's prompt cache (Anthropic's
 *                           {@code cache_creation_input_tokens}; a part of promptTokens besides the cached ones),
 *                           priced at the model's cache-write price
 */
public record Usage(
        long promptTokens,
        long completionTokens,
        long cachedPromptTokens,
        long reasoningTokens,
        long audioSeconds,
        long cacheWriteTokens) {
    public Usage {
        promptTokens = Math.max(0, promptTokens);
        completionTokens = Math.max(0, completionTokens);
        cachedPromptTokens = Math.min(promptTokens, Math.max(0, cachedPromptTokens));
        reasoningTokens = Math.min(completionTokens, Math.max(0, reasoningTokens));
        audioSeconds = Math.max(0, audioSeconds);
        cacheWriteTokens = Math.min(promptTokens - cachedPromptTokens, Math.max(0, cacheWriteTokens));
    }

    /** Usage without writes to the prompt cache. */
    public Usage(
            long promptTokens,
            long completionTokens,
            long cachedPromptTokens,
            long reasoningTokens,
            long audioSeconds) {
        this(promptTokens, completionTokens, cachedPromptTokens, reasoningTokens, audioSeconds, 0);
    }

    public Usage(long promptTokens, long completionTokens) {
        this(promptTokens, completionTokens, 0, 0, 0);
    }
}
