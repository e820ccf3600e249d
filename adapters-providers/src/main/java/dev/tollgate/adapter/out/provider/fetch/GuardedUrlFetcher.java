package dev.tollgate.adapter.out.provider.fetch;

import dev.tollgate.adapter.out.provider.fetch.FetchRefusedException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches a user-supplied URL (an image a provider needs inline) without letting the user reach the gateway's own
 * network (SSRF):
 * <ul>
 *   <li>only absolute {@code http} and {@code https} URLs with a host and without credentials;</li>
 *   <li>the host is resolved once and <em>every</em> resolved address is checked with {@link InternalAddresses#isInternal}: loopback,
 *       private, link-local (the cloud metadata address 169.254.169.254 among them), carrier-grade NAT, unspecified,
 *       multicast, broadcast and reserved IPv4 ranges, IPv6 loopback, unspecified, unique-local, link-local,
 *       site-local and multicast, and IPv6 forms that embed an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d},
 *       IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo) are refused; if any address is
 *       forbidden the URL is refused and nothing is sent;</li>
 *   <li>redirects (301, 302, 303, 307, 308) are followed by hand, at most {@value #MAX_REDIRECTS}, and each target
 *       goes through the same checks;</li>
 *   <li>the body is capped at {@value #MAX_BODY_BYTES} bytes: a larger {@code Content-Length} is refused before
 *       reading, and the count is enforced while reading whatever the headers claim (chunked or read-to-close
 *       bodies included; a body never reads past its {@code Content-Length});</li>
 *   <li>the whole fetch, name resolution, connects, TLS handshakes and every read over all redirects included,
 *       must finish within 10 seconds: every blocking read is given only the time left.</li>
 * </ul>
 *
 * <h2>DNS pinning</h2>
 * The JDK {@code HttpClient} resolves the host itself when it connects, so checking an address and then handing the
 * client a URL would allow DNS rebinding (the name answers a public address to the check and a private one to the
 * connect). This class therefore does not use it: it speaks HTTP/1.1 itself over a plain {@link Socket}
 * ({@link Proxy#NO_PROXY}, so no system proxy resolves names either) connected to the very {@link InetAddress} that
 * was checked, and for {@code https} layers an {@link SSLSocket} over that connection with the original host name as
 * SNI and for certificate host-name verification ({@code HTTPS} endpoint identification). There is exactly one
 * lookup per hop and the connection goes to a checked address; as a second guard the connected socket's remote
 * address is checked again. Requests are {@code GET} with {@code Connection: close} and
 * {@code Accept-Encoding: identity}; compressed answers are refused.
 *
 * <p>Every failure is a {@link FetchRefusedException} whose message can be shown to the API client; messages never
 * name a resolved address. Production instances allow no exception to the address rules; tests in this package can
 * build one that lets loopback through on one port only ({@link #forTests}). Instances are thread-safe.
 */
public final class GuardedUrlFetcher {
    /** Largest body fetched (10 MiB). */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    /** Most redirects followed. */
    public static final int MAX_REDIRECTS = 3;

    /** Longest a whole fetch may take, redirects included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Longest header line (status line, header or chunk-size line) read. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    /** Most header bytes read for one answer. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private static final int NO_LOOPBACK_EXCEPTION = -1;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String FORBIDDEN_MESSAGE =
            "the image URL points to a private network address and cannot be fetched";
    private static final String FORBIDDEN_REDIRECT_MESSAGE =
            "the image URL redirects to a private network address and cannot be fetched";

    /** Looks up every address of a host name; {@code InetAddress::getAllByName} in production. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final HostResolver resolver;
    private final int allowedLoopbackPort;
    private final Duration timeout;

    /** A fetcher that resolves names with the system resolver. */
    public GuardedUrlFetcher() {
        this(InetAddress::getAllByName);
    }

    /** A fetcher that resolves names with {@code resolver}; no address exception is possible. */
    public GuardedUrlFetcher(HostResolver resolver) {
        this(resolver, NO_LOOPBACK_EXCEPTION, TIMEOUT);
    }

    private GuardedUrlFetcher(HostResolver resolver, int allowedLoopbackPort, Duration timeout) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.allowedLoopbackPort = allowedLoopbackPort;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /**
     * For tests only (package-private on purpose): loopback addresses (127/8, ::1) are allowed on
     * {@code allowedLoopbackPort} and nowhere else, so a test can run a local server; every other rule applies.
     */
    static GuardedUrlFetcher forTests(HostResolver resolver, int allowedLoopbackPort) {
        return forTests(resolver, allowedLoopbackPort, TIMEOUT);
    }

    /** As {@link #forTests(HostResolver, int)}, with a shorter overall time cap to keep tests fast. */
    static GuardedUrlFetcher forTests(HostResolver resolver, int allowedLoopbackPort, Duration timeout) {
        if (allowedLoopbackPort < 1 || allowedLoopbackPort > 65535) {
            throw new IllegalArgumentException("allowedLoopbackPort must be a TCP port");
        }
        return new GuardedUrlFetcher(resolver, allowedLoopbackPort, timeout);
    }

    /** The JDK's default TLS context (system trust store), loaded on first https use. */
    private static final class DefaultTls {
        static final SSLSocketFactory FACTORY;

        static {
            try {
                FACTORY = SSLContext.getDefault().getSocketFactory();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context", e);
            }
        }
    }

    /**
     * Fetches {@code url}, following at most {@value #MAX_REDIRECTS} redirects.
     *
     * @return the content type and body of the final 2xx answer
     * @throws FetchRefusedException if the URL (or a redirect target) is not allowed, or the fetch failed, was too
     *                               large or too slow; the message is meant for the API client
     */
    public FetchedResource fetch(String url) {
        Objects.requireNonNull(url, "url");
        long deadline = System.nanoTime() + timeout.toNanos();
        Target target = parse(url, false);
        for (int redirects = 0; ; redirects++) {
            Answer answer = fetchOnce(target, redirects > 0, deadline);
            if (answer.resource() != null) {
                return answer.resource();
            }
            if (redirects == MAX_REDIRECTS) {
                throw new FetchRefusedException(
                        Reason.TOO_MANY_REDIRECTS, "the image URL redirected more than " + MAX_REDIRECTS + " times");
            }
            URI next;
            try {
                next = target.uri().resolve(new URI(answer.location().strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new FetchRefusedException(Reason.INVALID_URL, "the image URL redirects to an invalid URL");
            }
            target = parse(next.toString(), true);
        }
    }

    private boolean permitted(InetAddress address, int port) {
        if (!InternalAddresses.isInternal(address)) {
            return true;
        }
        return allowedLoopbackPort != NO_LOOPBACK_EXCEPTION
                && port == allowedLoopbackPort
                && address.isLoopbackAddress();
    }

    // ---------------------------------------------------------------------------------------------------- URLs

    /**
     * One hop's request target.
     *
     * @param uri           the URL, ASCII-only
     * @param https         whether TLS is used
     * @param name          the host name to resolve, SNI and verify the certificate against (lower case, no
     *                      brackets, no trailing dot); {@code null} when the host is an address literal
     * @param literal       the address when the host is an address literal, otherwise {@code null}
     * @param port          the TCP port
     * @param hostHeader    the {@code Host} header value
     * @param requestTarget the path and query sent in the request line
     */
    private record Target(
            URI uri,
            boolean https,
            String name,
            InetAddress literal,
            int port,
            String hostHeader,
            String requestTarget) {}

    private static Target parse(String url, boolean redirect) {
        URI uri;
        try {
            uri = new URI(new URI(url).toASCIIString());
        } catch (URISyntaxException e) {
            throw invalid(redirect, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !("http".equals(scheme) || "https".equals(scheme))) {
            throw invalid(redirect, "does not use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(redirect, "contains a user name or password");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid(redirect, "has no valid host");
        }
        boolean https = "https".equals(scheme);
        int defaultPort = https ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(redirect, "has an invalid port");
        }
        host = host.toLowerCase(Locale.ROOT);
        InetAddress literal = literalAddress(host, redirect);
        String name = null;
        if (literal == null) {
            name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            if (name.isEmpty()) {
                throw invalid(redirect, "has no valid host");
            }
        }
        String hostHeader = port == defaultPort ? host : host + ":" + port;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestTarget = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new Target(uri, https, name, literal, port, hostHeader, requestTarget);
    }

    /** The address of an IP-literal host (no lookup), or {@code null} for a host name; see {@link InternalAddresses}. */
    private static InetAddress literalAddress(String host, boolean redirect) {
        try {
            return InternalAddresses.literal(host);
        } catch (IllegalArgumentException e) {
            throw invalid(redirect, "has no valid host");
        }
    }

    private static FetchRefusedException invalid(boolean redirect, String problem) {
        String message = redirect ? "the image URL redirects to a URL that " + problem : "the image URL " + problem;
        return new FetchRefusedException(Reason.INVALID_URL, message);
    }

    // ---------------------------------------------------------------------------------------------------- fetching

    /** One hop's outcome: either the fetched resource or a redirect location. */
    private record Answer(FetchedResource resource, String location) {}

    private Answer fetchOnce(Target target, boolean redirect, long deadline) {
        List<InetAddress> addresses = resolve(target, deadline);
        for (InetAddress address : addresses) {
            if (!permitted(address, target.port())) {
                throw new FetchRefusedException(
                        Reason.FORBIDDEN_ADDRESS, redirect ? FORBIDDEN_REDIRECT_MESSAGE : FORBIDDEN_MESSAGE);
            }
        }
        try (Socket socket = connect(addresses, target, redirect, deadline)) {
            return exchange(socket, target, deadline);
        } catch (SocketTimeoutException e) {
            throw timedOut(e);
        } catch (SSLException e) {
            throw new FetchRefusedException(
                    Reason.FETCH_FAILED,
                    "the image could not be fetched: the secure connection to its server failed",
                    e);
        } catch (IOException e) {
            if (remainingNanos(deadline) <= 0) {
                throw timedOut(e);
            }
            throw new FetchRefusedException(
                    Reason.FETCH_FAILED, "the image could not be fetched: the connection to its server failed", e);
        }
    }

    /** Every address of the hop's host, looked up once (never for an address literal) within the time left. */
    private List<InetAddress> resolve(Target target, long deadline) {
        if (target.literal() != null) {
            return List.of(target.literal());
        }
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("guarded-fetch-dns").start(() -> {
            try {
                lookup.complete(resolver.resolve(target.name()));
            } catch (Throwable t) {
                lookup.completeExceptionally(t);
            }
        });
        InetAddress[] found;
        try {
            found = lookup.get(Math.max(1, remainingNanos(deadline)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw timedOut(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchRefusedException(Reason.FETCH_FAILED, "the image could not be fetched: interrupted", e);
        } catch (ExecutionException e) {
            throw new FetchRefusedException(
                    Reason.UNRESOLVABLE_HOST, "the image URL's host name could not be resolved", e.getCause());
        }
        List<InetAddress> addresses = new ArrayList<>();
        if (found != null) {
            for (InetAddress a : found) {
                if (a != null) {
                    addresses.add(a);
                }
            }
        }
        if (addresses.isEmpty()) {
            throw new FetchRefusedException(
                    Reason.UNRESOLVABLE_HOST, "the image URL's host name could not be resolved");
        }
        return addresses;
    }

    /**
     * Connects to the first reachable checked address (never looking the name up again), then verifies the
     * connected peer once more; for https, layers TLS with the host name as SNI and for certificate verification.
     */
    private Socket connect(List<InetAddress> addresses, Target target, boolean redirect, long deadline)
            throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket plain = new Socket(Proxy.NO_PROXY);
            try {
                plain.connect(
                        new InetSocketAddress(address, target.port()), DeadlineInputStream.timeLeftMillis(deadline));
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                closeQuietly(plain);
                last = e;
                if (remainingNanos(deadline) <= 0) {
                    throw e;
                }
                continue;
            } catch (IOException | RuntimeException e) {
                closeQuietly(plain);
                throw e;
            }
            InetAddress peer = plain.getInetAddress();
            if (peer == null || !peer.equals(address) || !permitted(peer, plain.getPort())) {
                closeQuietly(plain);
                throw new FetchRefusedException(
                        Reason.FORBIDDEN_ADDRESS, redirect ? FORBIDDEN_REDIRECT_MESSAGE : FORBIDDEN_MESSAGE);
            }
            if (!target.https()) {
                return plain;
            }
            try {
                return startTls(plain, target, deadline);
            } catch (IOException | RuntimeException e) {
                closeQuietly(plain);
                throw e;
            }
        }
        throw last != null ? last : new ConnectException("no address");
    }

    private SSLSocket startTls(Socket plain, Target target, long deadline) throws IOException {
        String peerHost =
                target.name() != null ? target.name() : target.literal().getHostAddress();
        SSLSocket ssl = (SSLSocket) DefaultTls.FACTORY.createSocket(plain, peerHost, target.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (target.name() != null) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(target.name())));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry; the certificate is still verified against it
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(DeadlineInputStream.timeLeftMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private Answer exchange(Socket socket, Target target, long deadline) throws IOException {
        String request = "GET " + target.requestTarget() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: Tollgate\r\n"
                + "Accept: image/*, */*;q=0.5\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();

        InputStream in = new BufferedInputStream(new DeadlineInputStream(socket, deadline), 16 * 1024);
        int status;
        Map<String, List<String>> headers;
        do {
            int[] headerBudget = {MAX_HEADER_BYTES};
            status = Http1AnswerReader.parseStatus(Http1AnswerReader.readLine(in, headerBudget));
            headers = Http1AnswerReader.readHeaders(in, headerBudget);
        } while (status >= 100 && status < 200 && status != 101);

        if (REDIRECTS.contains(status)) {
            String location = Http1AnswerReader.first(headers, "location");
            if (location == null || location.isBlank()) {
                throw Http1AnswerReader.malformed();
            }
            return new Answer(null, location);
        }
        if (status < 200 || status > 299) {
            throw new FetchRefusedException(
                    Reason.FETCH_FAILED, "the image could not be fetched: its server answered HTTP status " + status);
        }
        String encoding = Http1AnswerReader.first(headers, "content-encoding");
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
            throw new FetchRefusedException(
                    Reason.FETCH_FAILED, "the image could not be fetched: its server sent a compressed answer");
        }
        byte[] body = Http1AnswerReader.readBody(in, headers);
        String contentType = Http1AnswerReader.first(headers, "content-type");
        return new Answer(
                new FetchedResource(
                        contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip(),
                        body),
                null);
    }

    private FetchRefusedException timedOut(Exception cause) {
        long millis = timeout.toMillis();
        String limit = millis % 1000 == 0 ? (millis / 1000) + " seconds" : millis + " ms";
        return new FetchRefusedException(Reason.TIMEOUT, "the image URL did not answer within " + limit, cause);
    }

    private static long remainingNanos(long deadline) {
        return deadline - System.nanoTime();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
