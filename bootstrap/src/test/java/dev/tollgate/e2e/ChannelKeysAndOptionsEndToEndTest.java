package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Several upstream keys per channel, each with its own failure tracking; the channel's own time-outs and extra
 * headers; and the failover and breaker metrics that show it all.
 */
class ChannelKeysAndOptionsEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String channel(String model, String baseUrl, List<String> keys, Map<String, String> options) {
        AdminApi.Reply r = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "c-" + model,
                        "type",
                        "openai",
                        "baseUrl",
                        baseUrl,
                        "keys",
                        keys,
                        "models",
                        List.of(model),
                        "options",
                        options));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void givenOneOfTwoKeysIsRejected_whenChatting_thenTheOtherKeyServesEveryRequestAndTheChannelStaysEnabled()
            throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("keys");
            upstream.rejectAuthorization("Bearer sk-revoked");
            String id = channel(model, upstream.baseUrl(), List.of("sk-revoked", "sk-valid"), Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "quota", 100_000))
                    .get("key")
                    .asText();

            // when
            int ok = 0;
            for (int i = 0; i < 6; i++) {
                if (chat(key, model).statusCode() == 200) {
                    ok++;
                }
            }

            // then: every request served; the rejected key was tried once, then paused
            assertThat(ok).isEqualTo(6);
            long revoked = upstream.received().stream()
                    .filter(r -> "Bearer sk-revoked".equals(r.authorization()))
                    .count();
            assertThat(revoked).isEqualTo(1);
            assertThat(admin.get("/api/v1/channels/" + id).json().get("status").asText())
                    .isEqualTo("enabled");
            String metrics = admin.get("/actuator/prometheus").raw().body();
            assertThat(metrics)
                    .containsPattern("tollgate_relay_attempt_failures_total\\{[^}]*channel=\"" + id
                            + "\"[^}]*reason=\"rejected\"[^}]*\\} 1\\.0");
            assertThat(metrics)
                    .containsPattern(
                            "tollgate_relay_breaker_state\\{channel=\"" + id + "\",key=\"0\",scope=\"key\"\\} 1\\.0");
            assertThat(metrics)
                    .containsPattern(
                            "tollgate_relay_breaker_state\\{channel=\"" + id + "\",key=\"1\",scope=\"key\"\\} 0\\.0");
        }
    }

    @Test
    void givenEveryKeyOfAChannelIsRejected_thenTheChannelIsDisabledAutomatically() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("allkeys");
            upstream.rejectAuthorization("Bearer sk-a");
            upstream.rejectAuthorization("Bearer sk-b");
            String id = channel(model, upstream.baseUrl(), List.of("sk-a", "sk-b"), Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "quota", 100_000))
                    .get("key")
                    .asText();

            // when
            HttpResponse<String> r = chat(key, model);

            // then
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(upstream.received()).hasSize(2);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(admin.get("/api/v1/channels/" + id)
                                    .json()
                                    .get("status")
                                    .asText())
                            .isEqualTo("auto_disabled"));
        }
    }

    @Test
    void givenAChannelFirstByteTimeout_whenItsUpstreamIsSlower_thenTheRequestFailsAfterThatTimeNotTheDefault()
            throws Exception {
        try (FakeOpenAiUpstream slow = new FakeOpenAiUpstream()) {
            // given: the gateway's default is 60 s; this channel allows 1 s
            slow.delay(5_000);
            String model = uniqueModel("timeout");
            channel(model, slow.baseUrl(), List.of("sk-slow"), Map.of("firstByteTimeout", "PT1S"));
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "quota", 100_000))
                    .get("key")
                    .asText();

            // when
            long started = System.nanoTime();
            HttpResponse<String> r = chat(key, model);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            // then
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.body()).contains("upstream_timeout");
            assertThat(tookMillis).isLessThan(4_000);
        }
    }

    @Test
    void givenAChannelHeaderOption_thenItIsSentUpstreamWithEveryRequest() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("headers");
            channel(
                    model,
                    upstream.baseUrl(),
                    List.of("sk-h"),
                    Map.of("header.HTTP-Referer", "https://gw.example", "header.X-Route", "blue"));
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "quota", 100_000))
                    .get("key")
                    .asText();

            // when
            assertThat(chat(key, model).statusCode()).isEqualTo(200);

            // then
            FakeOpenAiUpstream.Received received = upstream.received().getFirst();
            assertThat(received.header("HTTP-Referer")).containsExactly("https://gw.example");
            assertThat(received.header("X-Route")).containsExactly("blue");
            assertThat(received.authorization()).isEqualTo("Bearer sk-h");
        }
    }

    @Test
    void givenAHeaderOptionThatWouldReplaceCredentialsOrAMalformedTimeout_thenTheChannelIsRefusedWith400() {
        for (Map<String, String> options : List.of(
                Map.of("header.Authorization", "Bearer stolen"),
                Map.of("header.Host", "elsewhere"),
                Map.of("header.X-Bad", "a\r\nInjected: yes"),
                Map.of("firstByteTimeout", "30"),
                Map.of("totalTimeout", "PT5H"))) {
            AdminApi.Reply r = admin.post(
                    "/api/v1/channels",
                    Map.of(
                            "name",
                            "bad",
                            "type",
                            "openai",
                            "baseUrl",
                            "http://127.0.0.1:9",
                            "keys",
                            List.of("sk-x"),
                            "models",
                            List.of("m"),
                            "options",
                            options));
            assertThat(r.status()).as(options.toString()).isEqualTo(400);
            JsonNode problem = r.json();
            assertThat(problem.get("detail").asText())
                    .as(options.toString())
                    .contains(options.keySet().iterator().next());
        }
    }

    @Test
    void givenAChannel_whenTestedOnEachEndpointType_thenEachAnswersWithItsLatencyAndReply() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("probe");
            String id = channel(model, upstream.baseUrl(), List.of("sk-probe"), Map.of());

            // when
            JsonNode chat =
                    admin.post("/api/v1/channels/" + id + "/test", Map.of()).json();
            JsonNode embeddings = admin.post("/api/v1/channels/" + id + "/test", Map.of("endpoint", "embeddings"))
                    .json();
            JsonNode responses = admin.post("/api/v1/channels/" + id + "/test", Map.of("endpoint", "responses"))
                    .json();
            JsonNode speech = admin.post("/api/v1/channels/" + id + "/test", Map.of("endpoint", "audio/speech"))
                    .json();
            AdminApi.Reply transcription =
                    admin.post("/api/v1/channels/" + id + "/test", Map.of("endpoint", "audio/transcriptions"));
            AdminApi.Reply unknown = admin.post("/api/v1/channels/" + id + "/test", Map.of("endpoint", "nope"));

            // then
            assertThat(chat.get("success").asBoolean()).isTrue();
            assertThat(chat.get("endpoint").asText()).isEqualTo("chat/completions");
            assertThat(chat.get("message").asText()).isEqualTo(FakeOpenAiUpstream.REPLY);
            assertThat(embeddings.get("success").asBoolean()).isTrue();
            assertThat(embeddings.get("message").asText()).contains("\"embedding\"");
            assertThat(responses.get("message").asText()).isEqualTo(FakeOpenAiUpstream.REPLY);
            assertThat(speech.get("message").asText()).isEqualTo("40000 bytes of audio/mpeg");
            assertThat(speech.get("latencyMillis").asLong()).isNotNegative();
            assertThat(upstream.received())
                    .extracting(FakeOpenAiUpstream.Received::path)
                    .containsExactly("/v1/chat/completions", "/v1/embeddings", "/v1/responses", "/v1/audio/speech");
            assertThat(transcription.status()).isEqualTo(400);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("detail").asText()).contains("unknown endpoint");
        }
    }
}
