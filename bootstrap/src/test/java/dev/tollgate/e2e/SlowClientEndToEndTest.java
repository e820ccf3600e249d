package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that reads slowly (or not at all) holds the upstream back instead of making the gateway buffer: the relay
 * writes each event before it reads the next, so TCP flow control reaches the provider. A client that goes away
 * stops the upstream call. Keep-alive comments pass through once the answer has started.
 */
class SlowClientEndToEndTest extends EndToEndTestBase {
    private static final int EVENT_BYTES = 4096;
    private static final long EVENTS = 64 * 1024; // 256 MiB if nothing held the provider back

    private HttpServer upstream;
    private final AtomicLong written = new AtomicLong();
    private final CountDownLatch aborted = new CountDownLatch(1);

    @BeforeEach
    void startEndlessUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            byte[] event = ("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{"
                            + "\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(EVENT_BYTES - 120)
                            + "\"},\"finish_reason\":null}]}\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(": keep-alive before the first event\n\n".getBytes(StandardCharsets.UTF_8));
                out.write(event);
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (long i = 0; i < EVENTS; i++) {
                    out.write(event);
                    written.addAndGet(event.length);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                aborted.countDown();
            }
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private Socket streamingRequest(String model, String key) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        socket.getOutputStream()
                .write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Authorization: Bearer " + key
                                + "\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    private String servedModel() {
        String model = uniqueModel("slow");
        admin.createChannel(
                "endless-" + model, "http://127.0.0.1:" + upstream.getAddress().getPort(), model, 0, 1, Map.of());
        admin.setPrice(model, 1, 1);
        return model;
    }

    @Test
    void givenAClientThatStopsReading_thenTheProviderIsHeldBackAndNothingPilesUpInTheGateway() throws Exception {
        // given
        String model = servedModel();
        String key = admin.createToken(Map.of("name", "slow", "unlimitedQuota", true))
                .get("key")
                .asText();

        try (Socket client = streamingRequest(model, key)) {
            // when: the client reads the head and the first bytes, then nothing for a while
            InputStream in = client.getInputStream();
            byte[] first = new byte[2048];
            int n = in.read(first);
            assertThat(n).isPositive();
            long settled = waitUntilStable();

            // then: only socket buffers' worth went out of 256 MiB, and the provider is blocked, not finished
            assertThat(settled).isLessThan(64L * 1024 * 1024);
            assertThat(aborted.getCount()).isEqualTo(1);

            // and when the client reads on, the stream goes on, keep-alives included
            byte[] more = new byte[64 * 1024];
            StringBuilder seen = new StringBuilder(new String(first, 0, n, StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (written.get() <= settled && System.nanoTime() < deadline) {
                int r = in.read(more);
                if (r < 0) {
                    break;
                }
                if (seen.length() < 64 * 1024) {
                    seen.append(new String(more, 0, r, StandardCharsets.UTF_8));
                }
            }
            assertThat(written.get()).isGreaterThan(settled);
            assertThat(seen.toString()).contains(": keep-alive\n\n").doesNotContain("before the first event");
        }
    }

    @Test
    void givenAClientThatGoesAway_thenTheUpstreamCallIsStopped() throws Exception {
        // given
        String model = servedModel();
        String key = admin.createToken(Map.of("name", "gone", "unlimitedQuota", true))
                .get("key")
                .asText();
        Socket client = streamingRequest(model, key);
        assertThat(client.getInputStream().read(new byte[1024])).isPositive();

        // when
        client.close();

        // then: the provider's next writes fail: Tollgate dropped its connection
        assertThat(aborted.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get()).isLessThan(EVENTS * EVENT_BYTES);
    }

    /** Waits until the provider stops making progress (blocked by flow control); returns the bytes it wrote. */
    private long waitUntilStable() throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            Thread.sleep(200);
            long now = written.get();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return written.get();
    }
}
