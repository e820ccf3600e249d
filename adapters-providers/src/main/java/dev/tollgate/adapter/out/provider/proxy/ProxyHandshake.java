package dev.tollgate.adapter.out.provider.proxy;

import dev.tollgate.adapter.out.provider.net.TcpKeepAlive;
import dev.tollgate.domain.channel.ProxyScheme;
import dev.tollgate.domain.channel.ProxyUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Opens a TCP tunnel to {@code host:port} through an outbound proxy: {@code CONNECT} with Basic proxy authentication
 * for an HTTP proxy (RFC 9110 §9.3.6), or a SOCKS5 {@code CONNECT} with username/password authentication (RFC 1928,
 * RFC 1929) whose names the proxy resolves. Failures say what the proxy answered, never its credentials.
 */
final class ProxyHandshake {
    private static final int MAX_HEAD = 16 * 1024;

    private ProxyHandshake() {}

    /** A connected socket to the proxy with the tunnel to {@code host:port} established. */
    static Socket open(ProxyUrl proxy, String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            TcpKeepAlive.on(socket); // the connection that leaves this host: a vanished proxy or upstream is found
            if (proxy.scheme() == ProxyScheme.SOCKS5) {
                socks5(socket, proxy, host, port);
            } else {
                httpConnect(socket, proxy, host, port);
            }
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void httpConnect(Socket socket, ProxyUrl proxy, String host, int port) throws IOException {
        String authority = authority(host, port);
        StringBuilder head = new StringBuilder("CONNECT ")
                .append(authority)
                .append(" HTTP/1.1\r\nHost: ")
                .append(authority)
                .append("\r\n");
        if (proxy.authenticated()) {
            head.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder()
                            .encodeToString(
                                    (proxy.username() + ":" + proxy.password()).getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String answer = readHead(socket.getInputStream());
        String statusLine = answer.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].startsWith("2")) {
            throw new IOException("the HTTP proxy refused the tunnel to " + authority + ": "
                    + (parts.length < 2 ? "no status" : parts[1]));
        }
    }

    private static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * An HTTP head (request or status line and headers, up to the blank line), byte by byte so that nothing of the
     * tunnel behind it is read ahead.
     */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the end of an HTTP head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("an HTTP head larger than " + MAX_HEAD + " bytes");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void socks5(Socket socket, ProxyUrl proxy, String host, int port) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(proxy.authenticated() ? new byte[] {5, 2, 0, 2} : new byte[] {5, 1, 0});
        out.flush();
        byte[] choice = readFully(in, 2);
        if (choice[0] != 5) {
            throw new IOException("not a SOCKS5 proxy");
        }
        if (choice[1] == 2 && proxy.authenticated()) {
            byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
            byte[] password = proxy.password().getBytes(StandardCharsets.UTF_8);
            if (user.length > 255 || password.length > 255) {
                throw new IOException("the proxy's credentials are too long for SOCKS5");
            }
            ByteArrayOutputStream auth = new ByteArrayOutputStream();
            auth.write(1);
            auth.write(user.length);
            auth.write(user);
            auth.write(password.length);
            auth.write(password);
            out.write(auth.toByteArray());
            out.flush();
            byte[] status = readFully(in, 2);
            if (status[1] != 0) {
                throw new IOException("the SOCKS5 proxy refused the credentials");
            }
        } else if (choice[1] != 0) {
            throw new IOException("the SOCKS5 proxy accepts none of the offered authentication methods");
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(new byte[] {5, 1, 0});
        byte[] literal = literalAddress(host);
        if (literal != null) {
            request.write(literal.length == 4 ? 1 : 4);
            request.write(literal);
        } else {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw new IOException("host name too long for SOCKS5");
            }
            request.write(3);
            request.write(name.length);
            request.write(name);
        }
        request.write(port >> 8);
        request.write(port & 0xff);
        out.write(request.toByteArray());
        out.flush();
        byte[] reply = readFully(in, 4);
        if (reply[1] != 0) {
            throw new IOException("the SOCKS5 proxy refused the connection to " + authority(host, port) + " (reply "
                    + reply[1] + ")");
        }
        int addressLength = switch (reply[3]) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.read();
            default -> throw new IOException("the SOCKS5 proxy answered an unknown address type");
        };
        if (addressLength < 0) {
            throw new IOException("the SOCKS5 proxy closed the connection");
        }
        readFully(in, addressLength + 2);
    }

    /** The address of an IP literal, or null for a name (left for the proxy to resolve). */
    private static byte[] literalAddress(String host) {
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.indexOf(':') >= 0;
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress(); // a literal: no lookup
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException("the proxy closed the connection during the handshake");
        }
        return b;
    }
}
