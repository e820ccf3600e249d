package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A stored response's own endpoints forwarded to the OpenAI channel that made it: with the same channel key that made
 * it (not the channel's first key) and through the channel's outbound proxy, as the relay calls it.
 */
class ResponsesForwardingEndToEndTest extends ResponsesTestBase {
    private static final String PROXY_PASSWORD = "proxy-" + UUID.randomUUID();

    private record Seen(String method, String path, String authorization) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** The upstream's id of the response it makes (unique: stored responses are keyed by it). */
    private final String upstreamId = "resp_up" + UUID.randomUUID().toString().replace("-", "");

    /** Only the key {@code sk-second} may create responses; any key may read them back. */
    @Override
    void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(new Seen(exchange.getRequestMethod(), path, auth));
        if (path.equals("/v1/responses") && !"Bearer sk-second".equals(auth)) {
            send(
                    exchange,
                    401,
                    "application/json",
                    "{\"error\":{\"message\":\"invalid key\",\"type\":\"invalid_request_error\"}}");
        } else if (path.equals("/v1/responses") || path.startsWith("/v1/responses/" + upstreamId)) {
            json(exchange, ResponsesStoreEndToEndTest.OPENAI_RESPONSE.replace("resp_upstream_1", upstreamId));
        } else {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    private String channel(String model, List<String> keys) {
        return channel("openai", model, keys, Map.of(), Map.of());
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + path))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .method(
                                        method,
                                        body == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private String key(String name) {
        return admin.createToken(Map.of("name", name, "quota", 500_000))
                .get("key")
                .asText();
    }

    @Test
    void givenAResponseMadeWithTheChannelsSecondKey_whenReadBack_thenTheSecondKeyIsUsedAgain() throws Exception {
        // given: the first key is refused by the upstream, so the response is made with the second
        String model = uniqueModel("responses-second-key");
        channel(model, List.of("sk-first", "sk-second"));
        String key = key("responses-second-key");
        HttpResponse<String> created =
                call("POST", "/responses", key, "{\"model\":\"" + model + "\",\"input\":\"Say hello\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        // when
        HttpResponse<String> read = call("GET", "/responses/" + upstreamId, key, null);
        HttpResponse<String> deleted = call("DELETE", "/responses/" + upstreamId, key, null);

        // then
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(seen)
                .filteredOn(s -> s.path().equals("/v1/responses/" + upstreamId))
                .extracting(Seen::method, Seen::authorization)
                .containsExactly(tuple("GET", "Bearer sk-second"), tuple("DELETE", "Bearer sk-second"));
        assertThat(deleted.statusCode()).isEqualTo(200);
    }

    @Test
    void givenAChannelWithAnOutboundProxy_whenAResponseIsReadBack_thenTheCallGoesThroughTheProxy() throws Exception {
        try (RecordingProxy proxy = new RecordingProxy(RecordingProxy.Kind.HTTP_CONNECT, "ops", PROXY_PASSWORD)) {
            // given
            String model = uniqueModel("responses-proxied");
            String channelId = channel(model, List.of("sk-second"));
            AdminApi.Reply set = admin.put(
                    "/api/v1/channels/" + channelId + "/proxy",
                    Map.of(
                            "url",
                            "http://ops:" + URLEncoder.encode(PROXY_PASSWORD, StandardCharsets.UTF_8) + "@127.0.0.1:"
                                    + proxy.port()));
            assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
            String key = key("responses-proxied");
            HttpResponse<String> created =
                    call("POST", "/responses", key, "{\"model\":\"" + model + "\",\"input\":\"Say hello\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            // when
            HttpResponse<String> read = call("GET", "/responses/" + upstreamId + "/input_items?limit=5", key, null);

            // then: both the relayed call and the forwarded read passed through the proxy, with its credentials
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(proxy.trafficToUpstream())
                    .contains("/v1/responses HTTP/1.1")
                    .contains("GET ")
                    .contains("/v1/responses/" + upstreamId + "/input_items?limit=5 HTTP/1.1");
            assertThat(proxy.tunnels()).allMatch(t -> t.credentials().equals("ops:" + PROXY_PASSWORD));
            JsonNode readBack =
                    admin.get("/api/v1/channels/" + channelId + "/proxy").json();
            assertThat(readBack.get("host").asText()).isEqualTo("127.0.0.1");
        }
    }
}
