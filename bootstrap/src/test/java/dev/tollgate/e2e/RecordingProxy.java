package dev.tollgate.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real outbound proxy on 127.0.0.1 for tests, speaking HTTP CONNECT (with Basic authentication) or SOCKS5 (with
 * username/password authentication), that records what passed through it: each tunnel's target, the credentials it
 * was offered, and the bytes carried each way. It connects only to loopback targets.
 */
final class RecordingProxy implements AutoCloseable {
    enum Kind {
        HTTP_CONNECT,
        SOCKS5
    }

    /** One tunnel asked for: its target ({@code host:port}) and the credentials offered ({@code user:password}). */
    record Tunnel(String target, String credentials, boolean opened) {}

    private final Kind kind;
    private final String username;
    private final String password;
    private final ServerSocket server;
    private final List<Tunnel> tunnels = new CopyOnWriteArrayList<>();
    final AtomicLong bytesUp = new AtomicLong();
    final AtomicLong bytesDown = new AtomicLong();
    final ByteArrayOutputStream upstreamTraffic = new ByteArrayOutputStream();

    RecordingProxy(Kind kind, String username, String password) throws IOException {
        this.kind = kind;
        this.username = username;
        this.password = password;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    List<Tunnel> tunnels() {
        return List.copyOf(tunnels);
    }

    synchronized String trafficToUpstream() {
        return upstreamTraffic.toString(StandardCharsets.ISO_8859_1);
    }

    private void serve(Socket client) {
        try (client) {
            Socket target = kind == Kind.SOCKS5 ? socks5(client) : httpConnect(client);
            if (target == null) {
                return;
            }
            try (target) {
                Thread up = Thread.ofVirtual().start(() -> copy(client, target, true));
                copy(target, client, false);
                up.join(2000);
            }
        } catch (IOException | InterruptedException e) {
            // the connection ended
        }
    }

    private void copy(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                if (upstream) {
                    bytesUp.addAndGet(n);
                    synchronized (this) {
                        upstreamTraffic.write(buffer, 0, n);
                    }
                } else {
                    bytesDown.addAndGet(n);
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side went away
        }
    }

    private Socket httpConnect(Socket client) throws IOException {
        String head = readHead(client.getInputStream());
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String credentials = null;
        for (String line : lines) {
            if (line.toLowerCase().startsWith("proxy-authorization: basic ")) {
                credentials = new String(
                        java.util.Base64.getDecoder().decode(line.substring(27).trim()), StandardCharsets.UTF_8);
            }
        }
        OutputStream out = client.getOutputStream();
        if (!"CONNECT".equals(requestLine[0])) {
            out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes());
            return null;
        }
        boolean allowed = username == null || (username + ":" + password).equals(credentials);
        tunnels.add(new Tunnel(requestLine[1], credentials, allowed));
        if (!allowed) {
            out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                            + "Content-Length: 0\r\n\r\n")
                    .getBytes());
            return null;
        }
        Socket target = loopback(requestLine[1]);
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes());
        out.flush();
        return target;
    }

    private Socket socks5(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        if (in.readUnsignedByte() != 5) {
            return null;
        }
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        boolean offersPassword = new String(methods, StandardCharsets.ISO_8859_1).indexOf(2) >= 0;
        String credentials = null;
        if (username != null) {
            if (!offersPassword) {
                out.write(new byte[] {5, (byte) 0xff});
                return null;
            }
            out.write(new byte[] {5, 2});
            in.readUnsignedByte();
            String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String pass = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            credentials = user + ":" + pass;
            boolean ok = user.equals(username) && pass.equals(password);
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            if (!ok) {
                tunnels.add(new Tunnel(null, credentials, false));
                return null;
            }
        } else {
            out.write(new byte[] {5, 0});
        }
        in.readUnsignedByte(); // version
        int command = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int type = in.readUnsignedByte();
        String host = switch (type) {
            case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            default -> throw new IOException("bad address type");
        };
        int port = in.readUnsignedShort();
        String targetName = host + ":" + port;
        if (command != 1) {
            out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
            return null;
        }
        tunnels.add(new Tunnel(targetName, credentials, true));
        Socket target = loopback(targetName);
        out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
        out.flush();
        return target;
    }

    /** Connects to a loopback target only: the tests never reach beyond this machine. */
    private static Socket loopback(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
        if (!address.isLoopbackAddress()) {
            throw new IOException("the test proxy connects to loopback targets only");
        }
        return new Socket(address, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the head ended");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
