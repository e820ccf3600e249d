package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the Responses API's end-to-end tests share: a fake upstream of their own on 127.0.0.1 (each test class answers
 * its requests in {@link #handle}), channels on it priced 1,000,000 / 2,000,000 units per million tokens (so 12 input
 * and 8 output tokens cost 28 units), keys, the official SDK's client of a key, and a key's spend.
 */
abstract class ResponsesTestBase extends EndToEndTestBase {
    static final ObjectMapper JSON = new ObjectMapper();

    HttpServer server;

    @BeforeEach
    void startFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
    }

    @AfterEach
    void stopFake() {
        server.stop(0);
    }

    /** Answers one request to the fake upstream. */
    abstract void handle(HttpExchange exchange) throws IOException;

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A channel on the fake upstream serving {@code model}; returns its id. */
    String channel(
            String type, String model, List<String> keys, Map<String, String> mapping, Map<String, String> options) {
        AdminApi.Reply r = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name", type + "-" + model,
                        "type", type,
                        "baseUrl", base(),
                        "keys", keys,
                        "models", List.of(model),
                        "modelMapping", mapping,
                        "options", options));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        admin.setPrice(model, 1_000_000, 2_000_000);
        return r.json().get("id").asText();
    }

    String channel(String type, String model) {
        return channel(type, model, List.of("sk-" + type + "-upstream"), Map.of(), Map.of());
    }

    JsonNode token(String name) {
        return admin.createToken(Map.of("name", name, "quota", 500_000));
    }

    OpenAIClient client(JsonNode token) {
        return OpenAIOkHttpClient.builder()
                .apiKey(token.get("key").asText())
                .baseUrl(relayBase())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static void json(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "application/json", body);
    }

    /** Starts an SSE answer and writes these events, each flushed. */
    static OutputStream sse(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String e : events) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        return out;
    }
}
