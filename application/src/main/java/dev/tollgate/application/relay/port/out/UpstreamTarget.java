package dev.tollgate.application.relay.port.out;

/**
 * Where one attempt goes: a channel and one of its upstream keys.
 *
 * @param type    the channel type code, e.g. {@code openai}
 * @param baseUrl the channel's base URL as configured, e.g. {@code https://api.openai.com} or
 *                {@code http://localhost:11434/v1}
 * @param apiKey  the clear upstream key (never logged)
 */
public record UpstreamTarget(String channelId, String type, String baseUrl, String apiKey) {
    @Override
    public String toString() {
        return "UpstreamTarget[channelId=" + channelId + ", type=" + type + ", baseUrl=" + baseUrl + "]";
    }
}
