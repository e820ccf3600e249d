package dev.tollgate.application.relay.port.out;

/**
 * Where one attempt goes: a channel and one of its upstream keys.
 *
 * @param type    the channel type code, e.g. {@code openai}
 * @param baseUrl the channel's base URL as configured, e.g. {@code https://api.openai.com} or
 *                {@code http://localhost:11434/v1}
 * @param apiKey  the clear upstream key (never logged)
 * @param options the channel's type options, e.g. {@code apiVersion} for Azure
 */
public record UpstreamTarget(String channelId, String type, String baseUrl, String apiKey,
        java.util.Map<String, String> options) {
    public UpstreamTarget {
        options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
    }

    @Override
    public String toString() {
        return "UpstreamTarget[channelId=" + channelId + ", type=" + type + ", baseUrl=" + baseUrl + ", options="
                + options + "]";
    }
}
