package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With tracing off (the default): every answer still carries an {@code X-Request-Id} of its own, a client's
 * {@code traceparent} is neither continued nor passed upstream.
 */
class RequestIdEndToEndTest extends EndToEndTestBase {
    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void givenTracingOffAndAClientTraceparent_whenChatting_thenARequestIdOfItsOwnAndNoTraceparentUpstream()
            throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("request-id");
            admin.createChannel("rid-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "rid", "quota", 10_000))
                    .get("key")
                    .asText();

            // when
            HttpResponse<String> first = chat(key, model);
            HttpResponse<String> second = chat(key, model);

            // then
            assertThat(first.statusCode()).isEqualTo(200);
            String id = first.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id)
                    .matches("[0-9a-f]{32}")
                    .isNotEqualTo(CLIENT_TRACE)
                    .isNotEqualTo(second.headers().firstValue("X-Request-Id").orElseThrow());
            assertThat(upstream.received())
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("traceparent")).isEmpty());
        }
    }

    @Test
    void givenTracingOff_whenChattingAndCallingTheAdminApi_thenSpringObservesOnlyTheAdminCall() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("unobserved");
            admin.createChannel("uo-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "uo", "quota", 10_000))
                    .get("key")
                    .asText();
            String scraper = admin.post(
                            "/api/v1/users/me/access-tokens", Map.of("name", uniqueModel("scraper"), "scope", "read"))
                    .json()
                    .get("token")
                    .asText();

            // when
            assertThat(chat(key, model).statusCode()).isEqualTo(200);
            assertThat(chat(key, model).statusCode()).isEqualTo(200);
            assertThat(admin.get("/api/v1/users/me").status()).isEqualTo(200);
            String metrics =
                    admin.withBearer(scraper).get("/actuator/prometheus").raw().body();

            // then: the relay's own metrics count the chats; Spring's HTTP observation only the admin API
            assertThat(metrics)
                    .contains("tollgate_relay_requests_total{")
                    .contains("http_server_requests_seconds_count{")
                    .contains("uri=\"/api/v1/users/me\"")
                    .doesNotContain("uri=\"/v1/");
        }
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .header("traceparent", "00-" + CLIENT_TRACE + "-00f067aa0ba902b7-01")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
