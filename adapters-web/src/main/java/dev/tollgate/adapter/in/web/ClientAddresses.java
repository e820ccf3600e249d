package dev.tollgate.adapter.in.web;

import dev.tollgate.domain.common.Subnet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The address a request comes from: the connection's peer, unless the peer is one of the configured trusted proxies
 * ({@code tollgate.relay.trusted-proxies}, CIDR blocks, none by default; read by the relay and, through
 * {@code TrustedProxyFilter}, by the admin API). Behind a trusted proxy the
 * {@code X-Forwarded-For} list is read from the right, and the first address that is not itself a trusted proxy
 * is the client: entries further left were written by the client and prove nothing. Without trusted proxies the
 * header is ignored, so a client cannot choose its own address.
 */
public final class ClientAddresses {
    /** What a malformed forwarded entry reads as: an address no subnet contains. */
    static final String UNKNOWN = "unknown";

    private final List<Subnet> trustedProxies;

    public ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream()
                .filter(s -> !s.isBlank())
                .map(s -> Subnet.parse("tollgate.relay.trusted-proxies", s))
                .toList();
    }

    /** Whether any proxy is trusted (without one, every request's address is its peer's). */
    public boolean trustsAnyProxy() {
        return !trustedProxies.isEmpty();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String address = withoutPort(hops.get(i));
            if (Subnet.addressBytes(address) == null) {
                return UNKNOWN;
            }
            client = address;
            if (!trusted(address)) {
                return address;
            }
        }
        return client; // every hop a trusted proxy: the left-most one is as far as the chain goes
    }

    private boolean trusted(String address) {
        byte[] bytes = Subnet.addressBytes(address);
        for (Subnet s : trustedProxies) {
            if (s.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 203.0.113.7:4711} → {@code 203.0.113.7}; {@code [2001:db8::1]:443} → {@code 2001:db8::1}. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }
}
