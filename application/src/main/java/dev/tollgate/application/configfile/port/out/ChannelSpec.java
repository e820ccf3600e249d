package dev.tollgate.application.configfile.port.out;

import dev.tollgate.application.common.Fingerprints;
import java.util.List;
import java.util.Map;

/**
 * A platform channel as the configuration file declares it (its name is its key in the file). {@code keys} holds the
 * clear upstream keys once their {@code ${VAR}} references are resolved; {@link #withoutSecrets()} replaces them by
 * fingerprints before the declaration is stored. {@code status} is {@code enabled} or {@code disabled}.
 */
public record ChannelSpec(
        String type,
        String baseUrl,
        List<String> keys,
        List<String> models,
        Map<String, String> modelMapping,
        List<String> groups,
        int priority,
        int weight,
        Integer maxConcurrency,
        Map<String, String> options,
        String status) {

    public ChannelSpec {
        keys = List.copyOf(keys);
        models = List.copyOf(models);
        modelMapping = Map.copyOf(modelMapping);
        groups = List.copyOf(groups);
        options = Map.copyOf(options);
    }

    /** The same declaration with each key replaced by a SHA-256 fingerprint (what is stored and compared). */
    public ChannelSpec withoutSecrets() {
        return new ChannelSpec(
                type,
                baseUrl,
                keys.stream().map(Fingerprints::of).toList(),
                models,
                modelMapping,
                groups,
                priority,
                weight,
                maxConcurrency,
                options,
                status);
    }

    /** The same declaration with other keys (e.g. {@code ${VAR}} references for an export). */
    public ChannelSpec withKeys(List<String> otherKeys) {
        return new ChannelSpec(
                type,
                baseUrl,
                otherKeys,
                models,
                modelMapping,
                groups,
                priority,
                weight,
                maxConcurrency,
                options,
                status);
    }

    /** Whether everything but the status is the same. */
    public boolean sameSettings(ChannelSpec other) {
        return withStatus("enabled").equals(other.withStatus("enabled"));
    }

    public ChannelSpec withStatus(String otherStatus) {
        return new ChannelSpec(
                type,
                baseUrl,
                keys,
                models,
                modelMapping,
                groups,
                priority,
                weight,
                maxConcurrency,
                options,
                otherStatus);
    }

    @Override
    public String toString() {
        return "ChannelSpec[type=" + type + ", baseUrl=" + baseUrl + ", keys=<" + keys.size() + " hidden>, models="
                + models + ", status=" + status + "]";
    }
}
