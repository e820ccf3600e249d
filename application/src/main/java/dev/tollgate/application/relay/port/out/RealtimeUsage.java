package dev.tollgate.application.relay.port.out;

/**
 * A realtime response's usage ({@code response.done}'s {@code usage}): input and output tokens, text and audio, and
 * the part of the input served from the prompt cache. Counts are clamped to be non-negative, cached tokens to at most
 * the input of their kind.
 */
public record RealtimeUsage(
        long inputTextTokens,
        long cachedTextTokens,
        long inputAudioTokens,
        long cachedAudioTokens,
        long outputTextTokens,
        long outputAudioTokens) {
    public RealtimeUsage {
        inputTextTokens = Math.max(0, inputTextTokens);
        inputAudioTokens = Math.max(0, inputAudioTokens);
        cachedTextTokens = Math.min(Math.max(0, cachedTextTokens), inputTextTokens);
        cachedAudioTokens = Math.min(Math.max(0, cachedAudioTokens), inputAudioTokens);
        outputTextTokens = Math.max(0, outputTextTokens);
        outputAudioTokens = Math.max(0, outputAudioTokens);
    }
}
