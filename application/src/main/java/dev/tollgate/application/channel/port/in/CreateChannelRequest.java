package dev.tollgate.application.channel.port.in;

import java.util.List;
import java.util.Map;

/** A new channel as an operator describes it, with its clear upstream keys. */
public record CreateChannelRequest(
        String name,
        String type,
        String baseUrl,
        List<String> keys,
        List<String> models,
        Map<String, String> modelMapping,
        List<String> groups,
        int priority,
        int weight,
        Integer maxConcurrency,
        Map<String, String> options) {

    @Override
    public String toString() {
        return "CreateChannelRequest[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", keys=<"
                + (keys == null ? 0 : keys.size()) + " hidden>, models=" + models + "]";
    }
}
