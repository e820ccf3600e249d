package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.Checks;
import dev.tollgate.domain.common.InvalidValueException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an operator configures on a channel except its secrets.
 *
 * @param maxConcurrency the most requests in flight at once, or {@code null} for no limit
 * @param options        settings of the channel's type, e.g. {@code apiVersion} for Azure (never secrets)
 */
public record ChannelSettings(
        String name,
        ChannelType type,
        String baseUrl,
        List<String> models,
        Map<String, String> modelMapping,
        List<String> groups,
        int priority,
        int weight,
        Integer maxConcurrency,
        Map<String, String> options) {

    public ChannelSettings {
        Checks.requireText("name", name, 100);
        Checks.requireNonNull("type", type);
        Checks.requireText("baseUrl", baseUrl, 2048);
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("baseUrl", "baseUrl is not a valid URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidValueException("baseUrl", "baseUrl must be an absolute http or https URL");
        }
        models = List.copyOf(Checks.requireNoNulls("models", Checks.requireNonNull("models", models)));
        if (models.isEmpty()) {
            throw new InvalidValueException("models", "a channel must serve at least one model");
        }
        for (String m : models) {
            Checks.requireText("models", m, 200);
        }
        modelMapping =
                Map.copyOf(Checks.requireNoNullEntries("modelMapping", modelMapping == null ? Map.of() : modelMapping));
        groups = List.copyOf(
                Checks.requireNoNulls("groups", groups == null || groups.isEmpty() ? List.of("default") : groups));
        for (String g : groups) {
            Checks.requireText("groups", g, 64);
        }
        if (weight < 0) {
            throw new InvalidValueException("weight", "weight must not be negative");
        }
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new InvalidValueException(
                    "maxConcurrency", "maxConcurrency must be at least 1, or null for no limit");
        }
        options = Map.copyOf(Checks.requireNoNullEntries("options", options == null ? Map.of() : options));
        options.forEach((k, v) -> {
            Checks.requireText("options", k, 100);
            Checks.requireText("options", v, 500);
            ChannelOptions.check(k, v);
        });
    }

    /** Where the channel's keys are sent: {@link #originOf(String)} of its base URL. */
    public String origin() {
        return originOf(baseUrl);
    }

    /**
     * The origin of a valid base URL: scheme, host (lower case, without a trailing dot) and port (the scheme's
     * default when absent). Two base URLs with the same origin reach the same server with the keys.
     */
    public static String originOf(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return uri.getScheme() + "://" + host + ":" + port;
    }
}
