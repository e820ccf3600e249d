package dev.tollgate.application.channel.port.in;

/**
 * The answer of a channel test.
 *
 * @param upstreamStatus the upstream's HTTP status, or 0 when no answer arrived
 * @param message        the model's reply, or the upstream's error (at most 2,000 characters)
 */
public record ChannelTestResult(boolean success, int upstreamStatus, long latencyMillis, String model,
        String message) {
}
