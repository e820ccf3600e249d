package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 on the caller's thread against a raw local server: keep-alive, chunked bodies, stale connections. */
class BlockingHttp1Test {
    /** A server on loopback that answers each request with what {@code answer} writes for its number. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final java.util.concurrent.Semaphore closed = new java.util.concurrent.Semaphore(0);
        final CopyOnWriteArrayList<String> bodies = new CopyOnWriteArrayList<>();

        interface Answer {
            /** Writes the answer to request {@code n} (1-based); false closes the connection after it. */
            boolean write(int n, OutputStream out) throws IOException;
        }

        RawServer(Answer answer) throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, answer));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, Answer answer) {
            try (s) {
                InputStream in = s.getInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                while (true) {
                    String line = reader.readLine();
                    if (line == null) {
                        return;
                    }
                    int length = 0;
                    while (!(line = reader.readLine()).isEmpty()) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    char[] body = new char[length];
                    int read = 0;
                    while (read < length) {
                        read += reader.read(body, read, length - read);
                    }
                    bodies.add(new String(body));
                    if (!answer.write(requests.incrementAndGet(), s.getOutputStream())) {
                        return;
                    }
                }
            } catch (IOException ignored) {
                // the client went away
            } finally {
                closed.release();
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/chat/completions");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private RawServer server;
    private final BlockingHttp1 http = new BlockingHttp1();
    private final java.util.concurrent.CountDownLatch silence = new java.util.concurrent.CountDownLatch(1);

    @AfterEach
    void stop() throws IOException {
        silence.countDown();
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<InputStream> post(String body) throws IOException {
        return http.send(
                HttpRequest.newBuilder(server.uri())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                Duration.ofSeconds(2),
                System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }

    private static boolean fixed(OutputStream out, String body) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body)
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    @Test
    void givenTwoRequestsToOneOrigin_whenTheFirstAnswerWasReadToItsEnd_thenTheSecondReusesItsConnection()
            throws Exception {
        // given
        server = new RawServer((n, out) -> fixed(out, "{\"n\":" + n + "}"));

        // when
        String first = new String(post("{\"a\":1}").body().readAllBytes(), StandardCharsets.UTF_8);
        String second = new String(post("{\"a\":2}").body().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(first).isEqualTo("{\"n\":1}");
        assertThat(second).isEqualTo("{\"n\":2}");
        assertThat(server.bodies).containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void givenAKeptAliveConnectionTheServerClosedWhileIdle_whenReused_thenTheRequestGoesOnceMoreOnANewOne()
            throws Exception {
        // given: the server closes every connection after its first answer (without saying so)
        server = new RawServer((n, out) -> fixed(out, "{\"n\":" + n + "}") && false);
        post("{}").body().readAllBytes();
        assertThat(server.closed.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS))
                .as("the server closed it")
                .isTrue();

        // when
        HttpResponse<InputStream> again = post("{}");

        // then
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new String(again.body().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":2}");
        assertThat(server.accepted).hasValue(2);
        assertThat(server.requests).hasValue(2);
    }

    @Test
    void givenAChunkedAnswer_whenRead_thenItsChunksAreJoinedAndTheConnectionServesTheNextRequest() throws Exception {
        // given
        server = new RawServer((n, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n7;ext=1\r\n there!\r\n"
                            + "0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        });

        // when
        HttpResponse<InputStream> first = post("{}");
        String text = new String(first.body().readAllBytes(), StandardCharsets.UTF_8);
        String next = new String(post("{}").body().readAllBytes(), StandardCharsets.UTF_8);

        // then
        assertThat(text).isEqualTo("Hello there!");
        assertThat(next).isEqualTo("Hello there!");
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void givenAServerThatNeverAnswers_whenTheDeadlinePasses_thenTheHeadTimesOut() throws Exception {
        // given: the server reads the request and stays silent until the test ends
        server = new RawServer((n, out) -> {
            try {
                silence.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        long started = System.nanoTime();

        // when / then
        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(server.uri())
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        Duration.ofSeconds(2),
                        System.nanoTime() + Duration.ofMillis(300).toNanos()))
                .isInstanceOf(BlockingHttp1.HeadTimeout.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
}
