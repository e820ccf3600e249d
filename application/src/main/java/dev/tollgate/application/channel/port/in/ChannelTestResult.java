package dev.tollgate.application.channel.port.in;

/**
 * The answer of a channel test.
 *
 * @param upstreamStatus the upstream's HTTP status, or 0 when no answer arrived
 * @param message        the model's reply, or the upstream's error (at most 2,000 characters); for audio, its size
 *                       and type
 * @param endpoint       the endpoint tried, e.g. {@code embeddings}
 */
public record ChannelTestResult(
        boolean success, int upstreamStatus, long latencyMillis, String model, String message, String endpoint) {
    public ChannelTestResult(boolean success, int upstreamStatus, long latencyMillis, String model, String message) {
        this(success, upstreamStatus, latencyMillis, model, message, "chat/completions");
    }
}
