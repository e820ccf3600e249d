package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's prompt caching through an {@code anthropic} channel: the client's {@code cache_control} reaches the
 * provider, the provider's {@code cache_creation_input_tokens} and {@code cache_read_input_tokens} reach the client
 * as they were, and the charge prices cache reads at the model's cached-input price and cache writes at its
 * cache-write price.
 */
class AnthropicPromptCachingEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CACHED_ANSWER = """
            {"id":"msg_cached","type":"message","role":"assistant","model":"claude-fake",
             "content":[{"type":"text","text":"Hello again"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":200,
             "output_tokens":8}}""";

    @Test
    void
            givenAnAnthropicChannelReportingCacheReadsAndWrites_whenAMessageIsSent_thenReadsAndWritesAreChargedAtTheirCachePrices()
                    throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        fake.createContext("/", exchange -> {
            try (exchange) {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = CACHED_ANSWER.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        fake.start();
        try {
            // given: 1 unit per input token, 0.1 per cached (read) one, 1.25 per one written to the cache, 2 per output
            String model = uniqueModel("claude-cache");
            AdminApi.Reply channel = admin.post(
                    "/api/v1/channels",
                    Map.of(
                            "name",
                            "anthropic-" + model,
                            "type",
                            "anthropic",
                            "baseUrl",
                            "http://127.0.0.1:" + fake.getAddress().getPort(),
                            "keys",
                            List.of("sk-anthropic-upstream"),
                            "models",
                            List.of(model)));
            assertThat(channel.status()).isEqualTo(201);
            admin.put(
                    "/api/v1/prices/" + model,
                    Map.of("input", 1_000_000, "output", 2_000_000, "cachedInput", 100_000, "cacheWrite", 1_250_000));
            JsonNode token = admin.createToken(Map.of("name", "claude-cache", "quota", 500_000));
            String request = "{\"model\":\"" + model + "\",\"max_tokens\":64,\"system\":[{\"type\":\"text\","
                    + "\"text\":\"A long shared context.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

            // when
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                                    .header("x-api-key", token.get("key").asText())
                                    .header("anthropic-version", "2023-06-01")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(request))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode usage = JSON.readTree(r.body()).get("usage");
            assertThat(usage.get("cache_creation_input_tokens").asLong()).isEqualTo(100);
            assertThat(usage.get("cache_read_input_tokens").asLong()).isEqualTo(200);
            assertThat(JSON.readTree(received.getFirst())
                            .path("system")
                            .get(0)
                            .path("cache_control")
                            .path("type")
                            .asText())
                    .isEqualTo("ephemeral");
            // 10 × 1 + 100 × 1.25 + 200 × 0.1 + 8 × 2 = 171 units (146 if the writes were charged as input, 326 if
            // the reads were too)
            assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                            .json()
                            .get("usedQuota")
                            .asLong())
                    .isEqualTo(171);
        } finally {
            fake.stop(0);
        }
    }
}
