package dev.tollgate.adapter.out.provider.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.adapter.out.provider.fetch.FetchRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the fetcher against real HTTP servers on 127.0.0.1, reached through names the test resolver maps. */
class GuardedUrlFetcherTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    private static final Duration SHORT = Duration.ofSeconds(1);

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private final List<String> otherServerRequests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger lookups = new AtomicInteger();
    private ExecutorService executor;
    private HttpServer server;
    private HttpServer otherServer;
    private int port;

    @BeforeEach
    void startServers() throws IOException {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        port = server.getAddress().getPort();
        otherServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherServer.setExecutor(executor);
        otherServer.createContext("/", exchange -> {
            otherServerRequests.add(exchange.getRequestURI().toString());
            respond(exchange, 200, "image/png", PNG);
        });
        int otherPort = otherServer.getAddress().getPort();

        route("/img", exchange -> respond(exchange, 200, "image/png", PNG));
        route("/no-type", exchange -> {
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
            exchange.close();
        });
        route("/redirect-private", exchange -> redirect(exchange, 302, "http://10.0.0.1/x"));
        route("/redirect-metadata", exchange -> redirect(exchange, 301, "http://169.254.169.254/latest/meta-data/"));
        route("/redirect-other-port", exchange -> redirect(exchange, 302, "http://127.0.0.1:" + otherPort + "/"));
        route("/redirect-private-name", exchange -> redirect(exchange, 307, "http://private.example/x"));
        route("/redirect-ftp", exchange -> redirect(exchange, 302, "ftp://public.example/x"));
        route("/redirect-relative", exchange -> redirect(exchange, 302, "/img"));
        route("/redirect-chain", exchange -> redirect(exchange, 302, "/redirect-chain-2"));
        route("/redirect-chain-2", exchange -> redirect(exchange, 303, "/redirect-chain-3"));
        route("/redirect-chain-3", exchange -> redirect(exchange, 308, "/img"));
        route("/loop", exchange -> redirect(exchange, 302, "/loop"));
        route("/missing", exchange -> respond(exchange, 404, "text/plain", "nope".getBytes(StandardCharsets.UTF_8)));
        route("/exactly-max", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, 0); // chunked
            writeZeros(exchange.getResponseBody(), GuardedUrlFetcher.MAX_BODY_BYTES);
            exchange.close();
        });
        route("/too-big-chunked", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, 0); // chunked, no length announced
            writeZeros(exchange.getResponseBody(), GuardedUrlFetcher.MAX_BODY_BYTES + 1);
            exchange.close();
        });
        route("/too-big-declared", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, GuardedUrlFetcher.MAX_BODY_BYTES + 1L);
            writeZeros(exchange.getResponseBody(), GuardedUrlFetcher.MAX_BODY_BYTES + 1);
            exchange.close();
        });
        route("/stall", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        route("/drip", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            try {
                while (release.getCount() > 0) {
                    body.write(0);
                    body.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        otherServer.start();
    }

    @AfterEach
    void stopServers() {
        release.countDown();
        server.stop(0);
        otherServer.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------- refused up front

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:%d/img",
                "http://127.0.0.2:%d/img",
                "http://[::1]:%d/img",
                "http://[::ffff:127.0.0.1]:%d/img",
                "http://0.0.0.0:%d/img",
                "http://localhost:%d/img"
            })
    void productionFetcherRefusesLoopbackEvenOnTheTestServersPort(String template) {
        GuardedUrlFetcher production = new GuardedUrlFetcher();
        String url = template.formatted(port);

        assertThatThrownBy(() -> production.fetch(url))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_ADDRESS))
                .hasMessage("the image URL points to a private network address and cannot be fetched");
        assertThat(requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.1.2.3/a.png",
                "https://10.1.2.3/a.png",
                "http://172.16.0.1/a.png",
                "http://192.168.1.1/a.png",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/a.png",
                "http://0.0.0.0/",
                "http://[::]/",
                "http://[fd00::1]/a.png",
                "http://[fe80::1]/a.png",
                "http://[::ffff:169.254.169.254]/",
                "http://[::ffff:a00:1]/",
                "http://224.0.0.1/",
                "http://255.255.255.255/"
            })
    void refusesInternalAddressLiteralsWithoutLookingUpOrConnecting(String url) {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(failingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_ADDRESS))
                .hasMessageContaining("private network address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://public.example/a.png",
                "file:///etc/passwd",
                "gopher://public.example/",
                "jar:file:///x.jar!/a.png",
                "data:image/png;base64,AAAA",
                "/relative/a.png",
                "http:///a.png",
                "http://user:secret@public.example/a.png",
                "http://public.example/a b.png",
                "http://2130706433/",
                "http://127.1/",
                "http://0177.0.0.1/",
                "http://0x7f.0.0.1/",
                "http://[::1/"
            })
    void refusesUrlsThatAreNotPlainHttpOrHttps(String url) {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_URL))
                .hasMessageStartingWith("the image URL ");
        assertThat(lookups).hasValue(0);
        assertThat(requests).isEmpty();
    }

    @Test
    void refusesANameThatResolvesToAPrivateAddress() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://private.example:" + port + "/img"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_ADDRESS))
                .hasMessage("the image URL points to a private network address and cannot be fetched");
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsForbidden() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://mixed.example/a.png"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_ADDRESS));
    }

    @Test
    void refusesANameThatDoesNotResolve() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://nowhere.example/a.png"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNRESOLVABLE_HOST))
                .hasMessage("the image URL's host name could not be resolved");
    }

    @Test
    void theTestExceptionCoversOnlyItsOwnPort() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);
        int otherPort = otherServer.getAddress().getPort();

        assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:" + otherPort + "/img"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_ADDRESS));
        assertThat(otherServerRequests).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ fetching

    @Test
    void fetchesAnImageFromTheAllowedServerWithItsContentType() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        FetchedResource fetched = fetcher.fetch("http://public.example:" + port + "/img?size=small#frag");

        assertThat(fetched.contentType()).isEqualTo("image/png");
        assertThat(fetched.body()).isEqualTo(PNG);
        assertThat(requests).containsExactly("/img?size=small");
        assertThat(hostHeaders).containsExactly("public.example:" + port);
    }

    @Test
    void connectsToTheAddressThatWasCheckedWithoutLookingTheNameUpAgain() {
        // a rebinding resolver: the first answer is the (allowed) test server, every later one a private address
        AtomicInteger calls = new AtomicInteger();
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(
                host -> calls.getAndIncrement() == 0
                        ? new InetAddress[] {address(host, 127, 0, 0, 1)}
                        : new InetAddress[] {address(host, 10, 0, 0, 1)},
                port,
                SHORT);

        FetchedResource fetched = fetcher.fetch("http://rebind.example:" + port + "/img");

        assertThat(fetched.body()).isEqualTo(PNG);
        assertThat(calls).hasValue(1);
        assertThat(hostHeaders).containsExactly("rebind.example:" + port);
    }

    @Test
    void defaultsTheContentTypeWhenTheServerSendsNone() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        FetchedResource fetched = fetcher.fetch("http://public.example:" + port + "/no-type");

        assertThat(fetched.contentType()).isEqualTo("application/octet-stream");
        assertThat(fetched.body()).isEqualTo(PNG);
    }

    @Test
    void fetchesABodyOfExactlyTheCap() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port);

        FetchedResource fetched = fetcher.fetch("http://public.example:" + port + "/exactly-max");

        assertThat(fetched.body()).hasSize(GuardedUrlFetcher.MAX_BODY_BYTES);
    }

    @Test
    void refusesAnErrorStatus() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + "/missing"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FETCH_FAILED))
                .hasMessage("the image could not be fetched: its server answered HTTP status 404");
    }

    @Test
    void speaksTlsToTheCheckedAddressForHttps() throws Exception {
        // a plain-HTTP server answers the TLS ClientHello at once, so the handshake fails: the https path went
        // through TLS on a connection to the address that was checked
        try (RawServer raw = new RawServer("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n", 0, false)) {
            GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), raw.port());

            // (on a loaded machine the failed handshake can surface as the time limit instead)
            assertThatThrownBy(() -> fetcher.fetch("https://public.example:" + raw.port() + "/img"))
                    .isInstanceOfSatisfying(
                            FetchRefusedException.class,
                            e -> assertThat(e.reason()).isIn(Reason.FETCH_FAILED, Reason.TIMEOUT));
            assertThat(raw.connections()).hasValue(1);
            assertThat(lookups).hasValue(1);
        }
    }

    // ----------------------------------------------------------------------------------------------- redirects

    @ParameterizedTest
    @ValueSource(
            strings = {"/redirect-private", "/redirect-metadata", "/redirect-other-port", "/redirect-private-name"})
    void refusesARedirectToAForbiddenAddress(String path) {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + path))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FORBIDDEN_ADDRESS))
                .hasMessage("the image URL redirects to a private network address and cannot be fetched");
        assertThat(requests).containsExactly(path);
        assertThat(otherServerRequests).isEmpty();
    }

    @Test
    void refusesARedirectToAnotherScheme() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + "/redirect-ftp"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_URL))
                .hasMessage("the image URL redirects to a URL that does not use http or https");
    }

    @Test
    void followsARelativeRedirectAfterCheckingItAgain() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        FetchedResource fetched = fetcher.fetch("http://public.example:" + port + "/redirect-relative");

        assertThat(fetched.body()).isEqualTo(PNG);
        assertThat(requests).containsExactly("/redirect-relative", "/img");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void followsThreeRedirects() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        FetchedResource fetched = fetcher.fetch("http://public.example:" + port + "/redirect-chain");

        assertThat(fetched.contentType()).isEqualTo("image/png");
        assertThat(requests).containsExactly("/redirect-chain", "/redirect-chain-2", "/redirect-chain-3", "/img");
    }

    @Test
    void refusesAFourthRedirect() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + "/loop"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_REDIRECTS))
                .hasMessage("the image URL redirected more than 3 times");
        assertThat(requests).hasSize(4);
    }

    // ------------------------------------------------------------------------------------------------- size

    @Test
    void refusesAChunkedBodyOverTheCap() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port);

        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + "/too-big-chunked"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("the image at the URL is larger than 10 MiB and cannot be fetched");
    }

    @Test
    void refusesADeclaredLengthOverTheCapBeforeReadingTheBody() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + "/too-big-declared"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void refusesAnUndeclaredBodyOverTheCapThatRunsUntilClose() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n";
        try (RawServer raw = new RawServer(head, GuardedUrlFetcher.MAX_BODY_BYTES + 1)) {
            GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), raw.port());

            assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + raw.port() + "/big"))
                    .isInstanceOfSatisfying(
                            FetchRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        }
    }

    @Test
    void neverReadsPastALyingContentLength() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 5\r\n\r\n";
        try (RawServer raw = new RawServer(head, GuardedUrlFetcher.MAX_BODY_BYTES + 1)) {
            GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), raw.port(), SHORT);

            FetchedResource fetched = fetcher.fetch("http://public.example:" + raw.port() + "/big");

            assertThat(fetched.body()).hasSize(5);
        }
    }

    @Test
    void refusesAChunkSizeOverTheCap() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\nA00001\r\n";
        try (RawServer raw = new RawServer(head, 16)) {
            GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), raw.port(), SHORT);

            assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + raw.port() + "/big"))
                    .isInstanceOfSatisfying(
                            FetchRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        }
    }

    // ------------------------------------------------------------------------------------------------- time

    @Test
    void refusesAServerThatStallsWithinTheTimeCap() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + "/stall"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessage("the image URL did not answer within 1 seconds");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void refusesAServerThatDripsTheBodyWithinTheTimeCap() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(countingResolver(), port, SHORT);

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch("http://public.example:" + port + "/drip"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void refusesANameWhoseLookupStallsWithinTheTimeCap() {
        GuardedUrlFetcher fetcher = GuardedUrlFetcher.forTests(
                host -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new UnknownHostException(host);
                },
                port,
                SHORT);

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch("http://slow.example/a.png"))
                .isInstanceOfSatisfying(
                        FetchRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void productionFetcherUsesTheTenSecondCap() {
        assertThat(GuardedUrlFetcher.TIMEOUT).isEqualTo(Duration.ofSeconds(10));
        assertThat(GuardedUrlFetcher.MAX_BODY_BYTES).isEqualTo(10 * 1024 * 1024);
        assertThat(GuardedUrlFetcher.MAX_REDIRECTS).isEqualTo(3);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, "text/plain", new byte[0]);
                return;
            }
            requests.add(exchange.getRequestURI().toString());
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            handler.handle(exchange);
        });
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void writeZeros(OutputStream out, int count) {
        byte[] block = new byte[64 * 1024];
        try {
            for (int left = count; left > 0; left -= block.length) {
                out.write(block, 0, Math.min(left, block.length));
            }
        } catch (IOException e) {
            // the fetcher hung up, as it should
        }
    }

    /** public.example is the test server (reachable only through the test exception); other names as named. */
    private GuardedUrlFetcher.HostResolver countingResolver() {
        Map<String, byte[][]> names = Map.of(
                "public.example", new byte[][] {{127, 0, 0, 1}},
                "private.example", new byte[][] {{10, 0, 0, 5}},
                "mixed.example", new byte[][] {{93, (byte) 184, (byte) 216, 34}, {10, 0, 0, 5}});
        return host -> {
            lookups.incrementAndGet();
            byte[][] found = names.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] addresses = new InetAddress[found.length];
            for (int i = 0; i < found.length; i++) {
                addresses[i] = InetAddress.getByAddress(host, found[i]);
            }
            return addresses;
        };
    }

    private static GuardedUrlFetcher.HostResolver failingResolver() {
        return host -> {
            throw new AssertionError("no lookup expected for " + host);
        };
    }

    private static InetAddress address(String host, int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(host, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    /** Answers every connection with a fixed head followed by {@code bodyBytes} zero bytes, then closes. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        RawServer(String head, int bodyBytes) throws IOException {
            this(head, bodyBytes, true);
        }

        RawServer(String head, int bodyBytes, boolean readRequest) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(client, head, bodyBytes, readRequest));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        AtomicInteger connections() {
            return connections;
        }

        private static void serve(Socket client, String head, int bodyBytes, boolean readRequest) {
            try (client) {
                InputStream in = readRequest ? client.getInputStream() : InputStream.nullInputStream();
                byte[] seen = new byte[4];
                int n = 0;
                for (int c = in.read(); c != -1; c = in.read()) { // read up to the blank line
                    seen[n++ % 4] = (byte) c;
                    if (n >= 4 && Arrays.equals(rotate(seen, n), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
                        break;
                    }
                }
                OutputStream out = client.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                writeZeros(out, bodyBytes);
            } catch (IOException e) {
                // the fetcher hung up
            }
        }

        private static byte[] rotate(byte[] ring, int n) {
            byte[] ordered = new byte[4];
            for (int i = 0; i < 4; i++) {
                ordered[i] = ring[(n + i) % 4];
            }
            return ordered;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
