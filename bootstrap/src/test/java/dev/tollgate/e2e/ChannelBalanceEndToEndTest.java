package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/channels/{id}/balance}: asks the channel's provider for its credit, through the admin API. */
class ChannelBalanceEndToEndTest extends EndToEndTestBase {
    private HttpServer deepseek;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startFakeDeepSeek() throws Exception {
        deepseek = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        deepseek.createContext("/user/balance", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\",\"total_balance\":"
                            + "\"110.00\",\"granted_balance\":\"10.00\",\"topped_up_balance\":\"100.00\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        deepseek.start();
    }

    @AfterEach
    void stopFakeDeepSeek() {
        deepseek.stop(0);
    }

    private String channel(String type, String baseUrl) {
        AdminApi.Reply r = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "balance-" + type,
                        "type",
                        type,
                        "baseUrl",
                        baseUrl,
                        "keys",
                        List.of("sk-balance-secret"),
                        "models",
                        List.of(uniqueModel("bal"))));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void givenADeepSeekChannel_whenItsBalanceIsAsked_thenTheProvidersFigureComesBackExactly() {
        // given
        String id =
                channel("deepseek", "http://127.0.0.1:" + deepseek.getAddress().getPort());

        // when
        AdminApi.Reply r = admin.get("/api/v1/channels/" + id + "/balance");

        // then
        assertThat(r.status()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(b.get("supported").asBoolean()).isTrue();
        assertThat(b.get("fresh").asBoolean()).isTrue();
        assertThat(b.get("currency").asText()).isEqualTo("CNY");
        assertThat(b.get("available").asText()).isEqualTo("110.00");
        assertThat(b.get("source").asText()).isEqualTo("deepseek:/user/balance");
        assertThat(b.get("error").isNull()).isTrue();
        assertThat(authorizations).containsExactly("Bearer sk-balance-secret");
        assertThat(r.raw().body()).doesNotContain("sk-balance-secret");
    }

    @Test
    void givenTheProviderFailsLater_thenTheLastKnownFigureComesBackMarkedNotFresh() {
        // given
        String id =
                channel("deepseek", "http://127.0.0.1:" + deepseek.getAddress().getPort());
        assertThat(admin.get("/api/v1/channels/" + id + "/balance")
                        .json()
                        .get("fresh")
                        .asBoolean())
                .isTrue();
        status = 503;

        // when
        JsonNode b = admin.get("/api/v1/channels/" + id + "/balance").json();

        // then
        assertThat(b.get("fresh").asBoolean()).isFalse();
        assertThat(b.get("available").asText()).isEqualTo("110.00");
        assertThat(b.get("error").asText()).contains("503");
    }

    @Test
    void givenAProviderWithoutABalanceEndpoint_thenSupportedIsFalseAndNothingIsSent() {
        // given
        String id = channel("azure", "http://127.0.0.1:" + deepseek.getAddress().getPort());

        // when
        JsonNode b = admin.get("/api/v1/channels/" + id + "/balance").json();

        // then
        assertThat(b.get("supported").asBoolean()).isFalse();
        assertThat(authorizations).isEmpty();
    }

    @Test
    void givenAnUnknownChannel_then404Problem() {
        AdminApi.Reply r = admin.get("/api/v1/channels/no-such-channel/balance");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }
}
