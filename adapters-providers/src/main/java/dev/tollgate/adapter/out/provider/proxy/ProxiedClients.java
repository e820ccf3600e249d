package dev.tollgate.adapter.out.provider.proxy;

import dev.tollgate.domain.channel.ProxyUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The JDK {@code HttpClient}s of upstream calls that go through an outbound proxy: one client (and one local
 * {@link ProxyForwarder}) per proxy, upstream host and port, and connect time-out, made on first use and kept (at
 * most {@value #MAX_CLIENTS}; the least recently used is shut down beyond that, its calls in flight finishing). The
 * JDK client speaks to the proxy only through the forwarder, which does the proxy's own protocol, SOCKS5 included
 * (the JDK client has none), and its authentication.
 */
public final class ProxiedClients {
    static final int MAX_CLIENTS = 64;

    /** One proxied route; never printed (it holds the proxy's credentials). */
    private record Route(ProxyUrl proxy, String host, int port, Duration connectTimeout) {
        @Override
        public String toString() {
            return "Route[" + proxy + " -> " + host + ":" + port + "]";
        }
    }

    private record Entry(HttpClient client, ProxyForwarder forwarder) {}

    private final Map<Route, Entry> clients = new LinkedHashMap<>(16, 0.75f, true);

    /** The client for calls to {@code upstream}'s host and port through {@code proxy}. */
    public synchronized HttpClient client(ProxyUrl proxy, URI upstream, Duration connectTimeout) {
        String scheme =
                upstream.getScheme() == null ? "http" : upstream.getScheme().toLowerCase(Locale.ROOT);
        int port = upstream.getPort() >= 0 ? upstream.getPort() : "https".equals(scheme) ? 443 : 80;
        String host = upstream.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Route route = new Route(proxy, host.toLowerCase(Locale.ROOT), port, connectTimeout);
        Entry entry = clients.get(route);
        if (entry == null) {
            entry = open(route);
            clients.put(route, entry);
            if (clients.size() > MAX_CLIENTS) {
                var eldest = clients.entrySet().iterator();
                Entry evicted = eldest.next().getValue();
                eldest.remove();
                evicted.client().shutdown();
                try {
                    evicted.forwarder().close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
        return entry.client();
    }

    private static Entry open(Route route) {
        ProxyForwarder forwarder;
        try {
            forwarder = new ProxyForwarder(route.proxy(), route.host(), route.port(), route.connectTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback interface for a proxy tunnel", e);
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(route.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.of(forwarder.address()))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        return new Entry(client, forwarder);
    }
}
