package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The channel options every type understands (other keys are type-specific, e.g. Azure's {@code apiVersion}):
 * <ul>
 *   <li>{@code connectTimeout}, {@code firstByteTimeout}, {@code idleTimeout}, {@code totalTimeout}: ISO-8601
 *       durations ({@code PT10S}) between 1 s and 1 h overriding the gateway's defaults for this channel: opening a
 *       connection, waiting for the answer's head, the longest silence inside a stream, and the whole answer;</li>
 *   <li>{@code streamFirstByteTimeout}: the same for the head of a streamed answer, which a provider sends as soon as
 *       it takes the request (a non-streamed answer's head comes only with the whole answer);</li>
 *   <li>{@code header.<Name>}: an extra header sent with every request to this channel's upstream (e.g. an
 *       OpenRouter {@code HTTP-Referer} or a proxy's routing header). Headers that carry credentials or framing
 *       ({@code Authorization}, {@code api-key}, {@code Host}, {@code Content-Length}, hop-by-hop headers…) cannot be
 *       set this way.</li>
 *   <li>{@code concurrencyScope}: {@code node} (the default: {@code maxConcurrency} holds on each node) or
 *       {@code cluster} ({@code maxConcurrency} holds for all nodes together).</li>
 * </ul>
 */
public final class ChannelOptions {
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String FIRST_BYTE_TIMEOUT = "firstByteTimeout";
    public static final String STREAM_FIRST_BYTE_TIMEOUT = "streamFirstByteTimeout";
    public static final String IDLE_TIMEOUT = "idleTimeout";
    public static final String TOTAL_TIMEOUT = "totalTimeout";
    public static final String HEADER_PREFIX = "header.";
    public static final String CONCURRENCY_SCOPE = "concurrencyScope";
    public static final String CONCURRENCY_NODE = "node";
    public static final String CONCURRENCY_CLUSTER = "cluster";

    private static final Set<String> TIMEOUTS =
            Set.of(CONNECT_TIMEOUT, FIRST_BYTE_TIMEOUT, STREAM_FIRST_BYTE_TIMEOUT, IDLE_TIMEOUT, TOTAL_TIMEOUT);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of(
            "authorization",
            "api-key",
            "x-api-key",
            "x-goog-api-key",
            "proxy-authorization",
            "host",
            "content-length",
            "content-type",
            "content-encoding",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "te",
            "trailer",
            "upgrade",
            "expect",
            "cookie",
            "proxy-connection");

    private ChannelOptions() {}

    /** Refuses a malformed value of a known option. */
    static void check(String key, String value) {
        if (TIMEOUTS.contains(key)) {
            duration(key, value);
        } else if (CONCURRENCY_SCOPE.equals(key)) {
            if (!CONCURRENCY_NODE.equals(value) && !CONCURRENCY_CLUSTER.equals(value)) {
                throw new InvalidValueException("options", "'" + key + "' must be 'node' or 'cluster'");
            }
        } else if (key.startsWith(HEADER_PREFIX)) {
            String name = key.substring(HEADER_PREFIX.length());
            if (!TOKEN.matcher(name).matches()) {
                throw new InvalidValueException("options", "'" + key + "': not a valid header name");
            }
            if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidValueException(
                        "options",
                        "'" + key + "': the header " + name
                                + " is set by Tollgate itself and cannot be changed per channel");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new InvalidValueException("options", "'" + key + "': a header value must be one line");
            }
        }
    }

    /** The channel's own value of a time-out option, if it sets one. */
    public static Optional<Duration> timeout(Map<String, String> options, String key) {
        String value = options.get(key);
        return value == null ? Optional.empty() : Optional.of(duration(key, value));
    }

    /** The extra headers the channel sends upstream, by name. */
    public static Map<String, String> headers(Map<String, String> options) {
        Map<String, String> headers = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith(HEADER_PREFIX)) {
                headers.put(k.substring(HEADER_PREFIX.length()), v);
            }
        });
        return headers;
    }

    private static Duration duration(String key, String value) {
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("options", "'" + key + "' must be an ISO-8601 duration such as PT30S");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidValueException("options", "'" + key + "' must be between PT1S and PT1H");
        }
        return d;
    }
}
