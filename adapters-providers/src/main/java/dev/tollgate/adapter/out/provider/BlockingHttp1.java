package dev.tollgate.adapter.out.provider;

import dev.tollgate.adapter.out.provider.net.TcpKeepAlive;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 on the calling (virtual) thread: a request is written and its answer's head read on the request's own
 * thread, over a kept-alive connection of a small pool per origin, with no selector and no hand-off to another thread
 * (the JDK client's selector and executor hops were a quarter of the relay's CPU). The answer's body is a plain
 * {@link InputStream} on the socket: read to its end it gives the connection back to the pool; closed before (by the
 * caller, or by the idle or total time-out's watchdog) it closes the connection.
 *
 * <p>TLS with the JDK's default trust store, SNI and host name verification. Bodies by {@code Content-Length},
 * {@code chunked}, or up to the connection's end. A request that fails on a kept-alive connection before any byte of
 * its answer arrived (the server had closed it while idle) is sent once more on a new connection. Connections have
 * TCP keep-alive on ({@link TcpKeepAlive}): a provider host that vanished fails its connection within about 30 s.
 */
final class BlockingHttp1 {
    /** A kept-alive connection idle longer than this is not used again (servers keep them 60 s and more). */
    private static final long IDLE_REUSE_NANOS = Duration.ofSeconds(20).toNanos();
    /** Idle connections kept per origin. */
    private static final int IDLE_PER_ORIGIN = 256;

    private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
    /** Where new (unconnected) sockets come from. */
    private final Supplier<Socket> sockets;

    BlockingHttp1() {
        this(() -> new Socket(Proxy.NO_PROXY));
    }

    /** @param sockets new unconnected sockets, direct (no JVM-wide proxy) */
    BlockingHttp1(Supplier<Socket> sockets) {
        this.sockets = sockets;
    }

    /** An open connection and when it was last given back. */
    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final String origin;
        long idleSince;
        boolean reused;

        Connection(Socket socket, String origin) throws IOException {
            this.socket = socket;
            this.in = new WireInput(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
            this.origin = origin;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** The connection could not be opened (refused, unreachable, no such host). */
    static final class ConnectFailure extends IOException {
        ConnectFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Opening the connection took longer than its time-out. */
    static final class ConnectTimeout extends IOException {
        ConnectTimeout(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The answer's head did not arrive by the deadline. */
    static final class HeadTimeout extends IOException {
        HeadTimeout(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Where a new connection to a host may go. */
    @FunctionalInterface
    interface Lookup {
        /** The addresses to try, in order; throws when the host may not be connected to at all. */
        InetAddress[] addresses(String host) throws IOException;
    }

    /** The host as the JDK resolves it (no check). */
    static final Lookup UNCHECKED = InetAddress::getAllByName;

    /**
     * Sends the request and reads its answer's head, by {@code deadline} ({@link System#nanoTime()}): the connection
     * is opened within {@code connectTimeout} (and the deadline), the head read within the deadline.
     */
    HttpResponse<InputStream> send(HttpRequest request, Duration connectTimeout, long deadline) throws IOException {
        return send(request, connectTimeout, deadline, UNCHECKED);
    }

    /**
     * As {@link #send(HttpRequest, Duration, long)}, a new connection going only to an address {@code lookup} gives
     * for the host (the host name is still the one sent, and TLS's server name and certificate check).
     */
    HttpResponse<InputStream> send(HttpRequest request, Duration connectTimeout, long deadline, Lookup lookup)
            throws IOException {
        URI uri = request.uri();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost();
        String origin = (tls ? "https://" : "http://") + host.toLowerCase(Locale.ROOT) + ":" + port;
        byte[] head = Http1Wire.head(request, host, port, tls);
        byte[] body = Http1Wire.body(request);
        Connection c = pooled(origin);
        if (c != null) {
            try {
                return exchange(c, request, head, body, deadline);
            } catch (StaleConnection e) {
                c.close(); // closed by the server while idle: once more on a new connection
            }
        }
        c = open(origin, host, port, tls, connectTimeout, deadline, lookup);
        try {
            return exchange(c, request, head, body, deadline);
        } catch (StaleConnection e) {
            throw new EOFException("the server closed the connection without answering");
        }
    }

    /** A kept-alive connection that failed before any byte of the answer: the server had closed it. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private HttpResponse<InputStream> exchange(
            Connection c, HttpRequest request, byte[] head, byte[] body, long deadline) throws IOException {
        boolean answered = false;
        try {
            c.out.write(head);
            c.out.write(body);
            c.out.flush();
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            c.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int first = c.in.read();
            if (first < 0) {
                throw new EOFException("the connection closed before the answer");
            }
            answered = true;
            Http1Wire.Head response = Http1Wire.readHead(c.in, first);
            while (response.status() >= 100 && response.status() < 200) {
                response = Http1Wire.readHead(c.in, c.in.read());
            }
            c.socket.setSoTimeout(0); // the body's time-outs are the watchdog's (idle, total)
            return new Response(request, response, bodyStream(c, response, request.method()));
        } catch (SocketTimeoutException e) {
            c.close();
            throw new HeadTimeout(e);
        } catch (IOException e) {
            c.close();
            if (!answered && c.reused && !(e instanceof HeadTimeout)) {
                throw new StaleConnection(e);
            }
            throw e;
        }
    }

    private Connection pooled(String origin) {
        Deque<Connection> connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        while (true) {
            Connection c;
            synchronized (connections) {
                c = connections.pollLast();
            }
            if (c == null) {
                return null;
            }
            if (now - c.idleSince < IDLE_REUSE_NANOS && !c.socket.isClosed()) {
                c.reused = true;
                return c;
            }
            c.close();
        }
    }

    private void giveBack(Connection c) {
        Deque<Connection> connections = idle.computeIfAbsent(c.origin, o -> new ArrayDeque<>());
        c.idleSince = System.nanoTime();
        synchronized (connections) {
            if (connections.size() < IDLE_PER_ORIGIN) {
                connections.addLast(c);
                return;
            }
        }
        c.close();
    }

    private Connection open(
            String origin, String host, int port, boolean tls, Duration connectTimeout, long deadline, Lookup lookup)
            throws IOException {
        InetAddress[] addresses = lookup.addresses(host);
        if (addresses == null || addresses.length == 0) {
            throw new ConnectFailure(new UnknownHostException(host));
        }
        Socket socket = null;
        IOException failure = null;
        for (InetAddress address : addresses) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            int timeout = (int) Math.min(Math.min(connectTimeout.toMillis(), left), Integer.MAX_VALUE);
            Socket attempt = sockets.get();
            try {
                attempt.setTcpNoDelay(true);
                attempt.connect(new InetSocketAddress(address, port), Math.max(1, timeout));
                TcpKeepAlive.on(attempt);
                socket = attempt;
                break;
            } catch (SocketTimeoutException e) {
                attempt.close();
                failure = new ConnectTimeout(e);
            } catch (IOException e) {
                attempt.close();
                failure = new ConnectFailure(e);
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        if (socket == null) {
            throw failure;
        }
        if (!tls) {
            return new Connection(socket, origin);
        }
        SSLSocket ssl =
                (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000)));
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            ssl.close();
            throw new HeadTimeout(e);
        }
        return new Connection(ssl, origin);
    }

    private InputStream bodyStream(Connection c, Http1Wire.Head head, String method) throws IOException {
        boolean keepAlive = !"close".equalsIgnoreCase(head.first("Connection"));
        if ("HEAD".equals(method) || head.status() == 204 || head.status() == 304) {
            return new Body(c, new Http1Bodies.Fixed(c.in, 0), keepAlive);
        }
        String encoding = head.first("Transfer-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Body(c, new Http1Bodies.Chunked(c.in), keepAlive);
        }
        String length = head.first("Content-Length");
        if (length != null) {
            try {
                return new Body(c, new Http1Bodies.Fixed(c.in, Long.parseLong(length.trim())), keepAlive);
            } catch (NumberFormatException e) {
                throw new IOException("a bad Content-Length: " + length, e);
            }
        }
        return new Body(c, c.in, false); // up to the connection's end
    }

    /** An answer's body: gives its connection back once read to its end, closes it when closed before. */
    private final class Body extends InputStream {
        private final Connection connection;
        private final InputStream in;
        private final boolean keepAlive;
        private boolean done;
        private boolean closed;

        Body(Connection connection, InputStream in, boolean keepAlive) {
            this.connection = connection;
            this.in = in;
            this.keepAlive = keepAlive;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        /** What can be read without waiting (a body of known length: its bytes already received). */
        @Override
        public int available() throws IOException {
            return closed || done ? 0 : in.available();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the answer's body was closed");
            }
            if (done) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                done = true;
                connection.close();
                throw e;
            }
            if (n < 0) {
                done = true;
                if (keepAlive && in != connection.in) {
                    giveBack(connection);
                } else {
                    connection.close();
                }
            }
            return n;
        }

        @Override
        public void close() {
            closed = true;
            if (!done) {
                done = true;
                connection.close();
            }
        }
    }

    /** The answer, in the shape the provider adapters read (the JDK client's). */
    private record Response(HttpRequest request, Http1Wire.Head head, InputStream body)
            implements HttpResponse<InputStream> {
        @Override
        public int statusCode() {
            return head.status();
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(head.headers(), (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
