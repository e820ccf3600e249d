package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An outbound proxy as an operator writes it: {@code http://[user:password@]host:port} or
 * {@code socks5://[user:password@]host:port}. The address ({@link #scheme}, {@link #host}, {@link #port}) is public;
 * the credentials are secret (stored encrypted, never in an event, a log line or an answer: {@link #toString()}
 * leaves them out).
 */
public record ProxyUrl(ProxyScheme scheme, String host, int port, String username, String password) {
    private static final String FIELD = "url";
    private static final int MAX_CREDENTIAL = 255;

    public ProxyUrl {
        if (scheme == null || host == null || host.isBlank() || host.length() > 253 || port < 1 || port > 65_535) {
            throw new InvalidValueException(FIELD, "a proxy needs a scheme, a host and a port between 1 and 65535");
        }
        if ((username == null) != (password == null)) {
            throw new InvalidValueException(FIELD, "a proxy's credentials are a user name and a password, or none");
        }
        if (username != null
                && (username.isEmpty() || username.length() > MAX_CREDENTIAL || password.length() > MAX_CREDENTIAL)) {
            throw new InvalidValueException(
                    FIELD, "a proxy's user name must be 1 to 255 characters and its password " + "at most 255");
        }
    }

    /** Parses {@code scheme://[user:password@]host:port} (user and password percent-encoded). */
    public static ProxyUrl parse(String url) {
        if (url == null || url.isBlank() || url.length() > 1000) {
            throw new InvalidValueException(
                    FIELD,
                    "url is required: http://host:port or socks5://host:port, "
                            + "optionally with user:password@ before the host");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidValueException(FIELD, "not a valid proxy URL (write scheme://host:port)");
        }
        ProxyScheme scheme =
                uri.getScheme() == null ? null : ProxyScheme.of(uri.getScheme().toLowerCase(Locale.ROOT));
        if (scheme == null) {
            throw new InvalidValueException(FIELD, "a proxy URL starts with http:// or socks5://");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new InvalidValueException(FIELD, "a proxy URL names its host and port (scheme://host:port)");
        }
        if (uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
            throw new InvalidValueException(FIELD, "a proxy URL has no path, query or fragment");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw new InvalidValueException(FIELD, "a proxy's credentials are written user:password@");
            }
            username = decode(userInfo.substring(0, colon));
            password = decode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ProxyUrl(scheme, host.toLowerCase(Locale.ROOT), uri.getPort(), username, password);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(FIELD, "a proxy's credentials are not validly percent-encoded");
        }
    }

    public boolean authenticated() {
        return username != null;
    }

    @Override
    public String toString() {
        return "ProxyUrl[" + scheme.wireName() + "://" + (authenticated() ? "***@" : "") + host + ":" + port + "]";
    }
}
