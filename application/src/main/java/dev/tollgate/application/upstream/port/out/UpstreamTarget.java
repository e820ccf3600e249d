package dev.tollgate.application.upstream.port.out;

import dev.tollgate.domain.channel.ProxyUrl;

/**
 * Where one attempt goes: a channel and one of its upstream keys.
 *
 * @param type    the channel type code, e.g. {@code openai}
 * @param baseUrl the channel's base URL as configured, e.g. {@code https://api.openai.com} or
 *                {@code http://localhost:11434/v1}
 * @param apiKey  the clear upstream key (never logged)
 * @param options the channel's type options, e.g. {@code apiVersion} for Azure
 * @param proxy   the outbound proxy to reach the upstream through (with its clear credentials, never logged), or
 *                null to connect directly
 */
public record UpstreamTarget(
        String channelId,
        String type,
        String baseUrl,
        String apiKey,
        java.util.Map<String, String> options,
        ProxyUrl proxy) {
    public UpstreamTarget {
        options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
    }

    /** A target reached directly. */
    public UpstreamTarget(
            String channelId, String type, String baseUrl, String apiKey, java.util.Map<String, String> options) {
        this(channelId, type, baseUrl, apiKey, options, null);
    }

    /** The same target, reached through {@code proxy} (null: directly). */
    public UpstreamTarget withProxy(ProxyUrl proxy) {
        return new UpstreamTarget(channelId, type, baseUrl, apiKey, options, proxy);
    }

    @Override
    public String toString() {
        return "UpstreamTarget[channelId=" + channelId + ", type=" + type + ", baseUrl=" + baseUrl + ", options="
                + options + (proxy == null ? "" : ", proxy=" + proxy) + "]";
    }
}
