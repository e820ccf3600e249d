package dev.tollgate.application.channel.port.in;

import java.util.List;

/**
 * The models a channel's upstream account serves, as its provider listed them just now.
 *
 * @param supported whether the channel's type publishes a model list at all
 * @param models    the names, sorted; empty when not supported or when the list could not be read
 * @param error     why the list could not be read (never the key), or null
 */
public record UpstreamModels(String channelId, boolean supported, List<String> models, String error) {
    public UpstreamModels {
        models = List.copyOf(models);
    }
}
