package dev.tollgate.application.channel.port.in;

import java.util.List;
import java.util.Map;

/**
 * A partial change of a channel: a null field is left as it is; {@code keys} replaces all upstream keys;
 * {@code clearMaxConcurrency} removes the concurrency limit; {@code options} replaces all type options.
 */
public record ChannelChanges(
        String name,
        String baseUrl,
        List<String> keys,
        List<String> models,
        Map<String, String> modelMapping,
        List<String> groups,
        Integer priority,
        Integer weight,
        Integer maxConcurrency,
        boolean clearMaxConcurrency,
        Map<String, String> options,
        String status) {

    @Override
    public String toString() {
        return "ChannelChanges[name=" + name + ", baseUrl=" + baseUrl + ", keys="
                + (keys == null ? "unchanged" : "<" + keys.size() + " hidden>") + ", status=" + status + "]";
    }
}
