package dev.tollgate.adapter.out.provider.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link UpstreamModelsClient} against a scripted HTTP server on loopback: what it sends per channel type, and how it
 * treats error statuses, bad JSON, a too-large answer and an upstream that never answers. A regression in a time-out
 * fails a test, never hangs the build.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpstreamModelsClientTest {
    private static final String KEY = "sk-models-secret-key-771935";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final UpstreamModelsClient client = new UpstreamModelsClient(http, Duration.ofMillis(800));
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** One request the server saw. */
    private record Received(String path, String query, Map<String, String> headers) {}

    @AfterEach
    void tearDown() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** Starts a server answering every request with {@code status} and {@code body}. */
    private String start(int status, byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                record(exchange);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException dropped) {
                    // the client stopped reading a too-large answer
                }
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String start(int status, String body) throws IOException {
        return start(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a server that takes every request and never answers (until the test ends). */
    private String startSilent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                record(exchange);
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void record(HttpExchange exchange) {
        received.add(new Received(
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                Map.of(
                        "authorization",
                                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                        "x-api-key", String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key")),
                        "anthropic-version",
                                String.valueOf(exchange.getRequestHeaders().getFirst("anthropic-version")),
                        "x-goog-api-key",
                                String.valueOf(exchange.getRequestHeaders().getFirst("x-goog-api-key")),
                        "x-custom", String.valueOf(exchange.getRequestHeaders().getFirst("X-Custom")))));
    }

    private static UpstreamTarget target(String type, String baseUrl) {
        return new UpstreamTarget("ch-models", type, baseUrl, KEY, Map.of("header.X-Custom", "tenant-7"));
    }

    @Test
    void givenOpenAiChannel_whenListing_thenGetsV1ModelsWithBearerKeyAndReturnsSortedUniqueIds() throws Exception {
        String base = start(
                200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\"},{\"id\":\"deepseek-chat\"},"
                        + "{\"id\":\"gpt-4o\"},{\"id\":\" qwen-max \"}]}");

        Optional<List<String>> models = client.list(target("openai", base + "/"));

        assertThat(models).contains(List.of("deepseek-chat", "gpt-4o", "qwen-max"));
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/models");
            assertThat(r.headers()).containsEntry("authorization", "Bearer " + KEY);
            assertThat(r.headers()).containsEntry("x-custom", "tenant-7");
        });
    }

    @Test
    void givenBaseUrlEndingInVersion_whenListing_thenGetsModelsBelowIt() throws Exception {
        String base = start(200, "{\"data\":[{\"id\":\"deepseek-r1:7b\"}]}");

        assertThat(client.list(target("ollama", base + "/v1"))).contains(List.of("deepseek-r1:7b"));
        assertThat(received).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/v1/models"));
    }

    @Test
    void givenAnthropicChannel_whenListing_thenSendsApiKeyAndVersionHeaders() throws Exception {
        String base = start(200, "{\"data\":[{\"id\":\"claude-sonnet-4-5\"},{\"id\":\"claude-haiku-4-5\"}]}");

        assertThat(client.list(target("anthropic", base))).contains(List.of("claude-haiku-4-5", "claude-sonnet-4-5"));
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/models");
            assertThat(r.query()).isEqualTo("limit=1000");
            assertThat(r.headers()).containsEntry("x-api-key", KEY).containsEntry("anthropic-version", "2023-06-01");
            assertThat(r.headers()).containsEntry("authorization", "null");
        });
    }

    @Test
    void givenGeminiChannel_whenListing_thenStripsTheModelsPrefix() throws Exception {
        String base = start(
                200, "{\"models\":[{\"name\":\"models/gemini-2.5-flash\"},{\"name\":\"models/text-embedding-004\"}]}");

        assertThat(client.list(target("gemini", base))).contains(List.of("gemini-2.5-flash", "text-embedding-004"));
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1beta/models");
            assertThat(r.query()).isEqualTo("pageSize=1000");
            assertThat(r.headers()).containsEntry("x-goog-api-key", KEY);
        });
    }

    @Test
    void givenAzureChannel_whenListing_thenAnswersEmptyAndSendsNothing() throws Exception {
        String base = start(200, "{\"data\":[]}");

        assertThat(client.list(target("azure", base))).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void givenUpstreamAnswers401_whenListing_thenBrokenWithStatusAndNoKeyInMessage() throws Exception {
        String base = start(401, "{\"error\":{\"message\":\"bad key " + KEY + "\"}}");

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).contains("401").doesNotContain(KEY);
                });
    }

    @Test
    void givenUpstreamAnswers503_whenListing_thenBrokenWithStatus() throws Exception {
        String base = start(503, "upstream overloaded");

        assertThatThrownBy(() -> client.list(target("deepseek", base)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.getMessage()).contains("503"));
    }

    @Test
    void givenAnswerIsNotJson_whenListing_thenBrokenNotJson() throws Exception {
        String base = start(200, "<html>gateway</html>");

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).contains("not JSON");
                });
    }

    @Test
    void givenAnswerWithoutDataArray_whenListing_thenBrokenNamingTheArray() throws Exception {
        String base = start(200, "{\"data\":{\"id\":\"gpt-4o\"}}");

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("no data array");
    }

    @Test
    void givenModelWithoutId_whenListing_thenBroken() throws Exception {
        String base = start(200, "{\"data\":[{\"id\":\"gpt-4o\"},{\"object\":\"model\"}]}");

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("has no id");
    }

    @Test
    void givenModelNameWithControlCharacter_whenListing_thenBroken() throws Exception {
        String base = start(200, "{\"data\":[{\"id\":\"gpt\\u0007-4o\"}]}");

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("not printable");
    }

    @Test
    void givenMoreThanMaxModels_whenListing_thenBroken() throws Exception {
        StringBuilder body = new StringBuilder("{\"data\":[");
        for (int i = 0; i <= UpstreamModelsClient.MAX_MODELS; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"m-").append(i).append("\"}");
        }
        String base = start(200, body.append("]}").toString());

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("more than " + UpstreamModelsClient.MAX_MODELS);
    }

    @Test
    void givenAnswerLargerThanOneMebibyte_whenListing_thenBrokenTooLarge() throws Exception {
        byte[] body = new byte[(1 << 20) + 4096];
        Arrays.fill(body, (byte) ' ');
        byte[] head = "{\"data\":[]".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        body[body.length - 1] = '}';
        String base = start(200, body);

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).contains("more than " + (1 << 20) + " bytes");
                });
    }

    @Test
    void givenUpstreamNeverAnswers_whenListing_thenTimeoutWithinTheRequestTimeout() throws Exception {
        String base = startSilent();

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void givenNothingListensOnThePort_whenListing_thenConnectFailureNamingTheChannel() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;

        assertThatThrownBy(() -> client.list(target("openai", base)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT);
                    assertThat(e.getMessage()).contains("ch-models").doesNotContain(KEY);
                });
    }
}
