package dev.tollgate.domain.channel;

/** How an outbound proxy is spoken to. */
public enum ProxyScheme {
    /** An HTTP proxy, asked for a tunnel with {@code CONNECT host:port} (Basic proxy authentication). */
    HTTP("http"),
    /** A SOCKS5 proxy (RFC 1928; username/password authentication, RFC 1929); names resolved by the proxy. */
    SOCKS5("socks5");

    private final String wireName;

    ProxyScheme(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The scheme of a wire name, or null when unknown. */
    public static ProxyScheme of(String wireName) {
        for (ProxyScheme s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        return null;
    }
}
