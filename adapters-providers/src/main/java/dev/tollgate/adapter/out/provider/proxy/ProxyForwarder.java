package dev.tollgate.adapter.out.provider.proxy;

import dev.tollgate.domain.channel.ProxyUrl;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local end of the tunnels to one upstream ({@code host:port}) through one outbound proxy: a listener on
 * 127.0.0.1 that the JDK {@code HttpClient} is given as its (plain HTTP) proxy. Each connection it accepts is carried
 * to the upstream through a tunnel that {@link ProxyHandshake} opens, whatever the proxy speaks (HTTP CONNECT or
 * SOCKS5, with credentials): a {@code CONNECT} the client sends (an {@code https} upstream: TLS then runs end to end,
 * certificate checked against the upstream's name) is answered here; the absolute-form requests of an {@code http}
 * upstream are passed on as they are. It serves only its one upstream — a {@code CONNECT} to anything else is refused —
 * so it is no open proxy, even to other local processes.
 */
final class ProxyForwarder implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(ProxyForwarder.class);
    private static final byte[] CONNECT = "CONNECT ".getBytes(StandardCharsets.US_ASCII);

    private final ProxyUrl proxy;
    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final ServerSocket server;

    ProxyForwarder(ProxyUrl proxy, String host, int port, Duration connectTimeout) throws IOException {
        this.proxy = proxy;
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-forwarder-" + server.getLocalPort()).start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.debug("proxy forwarder for {}:{} stopped accepting: {}", host, port, e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            BufferedInputStream in = new BufferedInputStream(client.getInputStream(), 8192);
            in.mark(CONNECT.length);
            byte[] start = in.readNBytes(CONNECT.length);
            boolean connect = Arrays.equals(start, CONNECT);
            if (!connect) {
                in.reset();
            } else if (!connectsToOurUpstream(ProxyHandshake.readHead(in))) {
                reply(client, "403 Forbidden");
                return;
            }
            Socket tunnel;
            try {
                tunnel = ProxyHandshake.open(proxy, host, port, connectTimeout);
            } catch (IOException e) {
                log.debug("no tunnel to {}:{} through {}: {}", host, port, proxy, e.getMessage());
                if (connect) {
                    reply(client, "502 Bad Gateway");
                }
                return; // a plain request's connection is closed: the client sees a connection failure
            }
            try (tunnel) {
                if (connect) {
                    reply(client, "200 Connection established");
                }
                pipe(in, client, tunnel);
            }
        } catch (IOException e) {
            log.debug("proxy forwarder connection to {}:{} ended: {}", host, port, e.getMessage());
        }
    }

    private boolean connectsToOurUpstream(String head) {
        String line = head.lines().findFirst().orElse("");
        int space = line.indexOf(' ');
        String authority = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String ours = (host.indexOf(':') >= 0 ? "[" + host + "]" : host).toLowerCase(Locale.ROOT) + ":" + port;
        return authority.equals(ours);
    }

    /** Both directions until the upstream's side ends (then the client's connection is closed too). */
    private static void pipe(InputStream fromClient, Socket client, Socket tunnel) throws IOException {
        Thread upload = Thread.ofVirtual().start(() -> {
            try {
                fromClient.transferTo(tunnel.getOutputStream());
                tunnel.shutdownOutput();
            } catch (IOException e) {
                // the other direction ends the tunnel
            }
        });
        try {
            tunnel.getInputStream().transferTo(client.getOutputStream());
        } finally {
            client.close();
            tunnel.close();
            upload.interrupt();
        }
    }

    private static void reply(Socket client, String status) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\n" + (status.startsWith("200") ? "" : "Content-Length: 0\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
