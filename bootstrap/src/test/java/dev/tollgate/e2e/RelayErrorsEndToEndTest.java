package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each row of the relay error table that applies to chat completions: the right status, OpenAI's error envelope,
 * and nothing charged or forwarded.
 */
class RelayErrorsEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Answer(int status, HttpResponse<String> raw, JsonNode error) {}

    private Answer chat(String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isBlank() ? null : JSON.readTree(r.body());
        return new Answer(r.statusCode(), r, json == null ? null : json.get("error"));
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private String servedModel() {
        String model = uniqueModel("errors");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        return model;
    }

    private String key(Map<String, Object> body) {
        return admin.createToken(body).get("key").asText();
    }

    @Test
    void givenNoKey_whenChatting_then401InvalidApiKey() throws Exception {
        // given
        String model = servedModel();
        int before = UPSTREAM.received().size();

        // when
        Answer a = chat(null, body(model));

        // then
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error().get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(a.error().has("message")).isTrue();
        assertThat(a.error().has("type")).isTrue();
        assertThat(a.error().has("param")).isTrue();
        assertThat(UPSTREAM.received()).hasSize(before);
    }

    @Test
    void givenADisabledKey_whenChatting_then401() throws Exception {
        // given
        String model = servedModel();
        JsonNode token = admin.createToken(Map.of("name", "to-disable", "quota", 1000));
        assertThat(admin.patch("/api/v1/tokens/" + token.get("id").asText(), Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);

        // when
        Answer a = chat(token.get("key").asText(), body(model));

        // then
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error().get("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void givenADeletedKey_whenChatting_then401() throws Exception {
        // given
        String model = servedModel();
        JsonNode token = admin.createToken(Map.of("name", "to-delete", "quota", 1000));
        assertThat(admin.delete("/api/v1/tokens/" + token.get("id").asText()).status())
                .isEqualTo(204);

        // when
        Answer a = chat(token.get("key").asText(), body(model));

        // then
        assertThat(a.status()).isEqualTo(401);
    }

    @Test
    void givenAKeyLimitedToOtherModels_whenChatting_then403ModelNotAllowed() throws Exception {
        // given
        String model = servedModel();
        String key = key(Map.of("name", "limited", "quota", 1000, "models", List.of("some-other-model")));

        // when
        Answer a = chat(key, body(model));

        // then
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.error().get("code").asText()).isEqualTo("model_not_allowed");
    }

    @Test
    void givenAModelNoChannelServes_whenChatting_then404ModelNotFound() throws Exception {
        // given
        String key = key(Map.of("name", "k", "unlimitedQuota", true));

        // when
        Answer a = chat(key, body("no-such-model-anywhere"));

        // then
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.error().get("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void givenAModelWithoutPrice_whenChatting_thenRefusedWithAClearErrorAndNothingForwarded() throws Exception {
        // given
        String model = uniqueModel("unpriced");
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        String key = key(Map.of("name", "k", "unlimitedQuota", true));
        int before = UPSTREAM.received().size();

        // when
        Answer a = chat(key, body(model));

        // then
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error().get("code").asText()).isEqualTo("model_price_not_set");
        assertThat(a.error().get("message").asText()).contains(model);
        assertThat(UPSTREAM.received()).hasSize(before);
    }

    @Test
    void givenMalformedJsonOrWrongTypes_whenChatting_then400InvalidRequestError() throws Exception {
        // given
        String model = servedModel();
        String key = key(Map.of("name", "k", "unlimitedQuota", true));
        int before = UPSTREAM.received().size();

        // when
        Answer malformed = chat(key, "{\"model\":");
        Answer noModel = chat(key, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        Answer noMessages = chat(key, "{\"model\":\"" + model + "\"}");
        Answer wrongStream = chat(
                key,
                "{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}");
        Answer negativeMax = chat(
                key,
                "{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":-5}");

        // then
        for (Answer a : List.of(malformed, noModel, noMessages, wrongStream, negativeMax)) {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.error().get("type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(noModel.error().get("param").asText()).isEqualTo("model");
        assertThat(wrongStream.error().get("param").asText()).isEqualTo("stream");
        assertThat(UPSTREAM.received()).hasSize(before);
    }

    @Test
    void givenABodyOverTheLimit_whenChatting_then413() throws Exception {
        // given
        String model = servedModel();
        String key = key(Map.of("name", "k", "unlimitedQuota", true));
        String huge = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(10 * 1024 * 1024) + "\"}]}";

        // when
        Answer a = chat(key, huge);

        // then
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.error().get("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void givenAnExpiredKey_whenChatting_then401() throws Exception {
        // given: a key that expires in a moment
        String model = servedModel();
        JsonNode token = admin.createToken(Map.of(
                "name",
                "short",
                "quota",
                1000,
                "expiresAt",
                Instant.now().plusMillis(300).toString()));
        long deadline = System.nanoTime() + 5_000_000_000L;
        Answer a;

        // when
        do {
            a = chat(token.get("key").asText(), body(model));
        } while (a.status() != 401 && System.nanoTime() < deadline);

        // then
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error().get("message").asText()).contains("expired");
    }

    @Test
    void givenAnUnknownRelayPath_whenCalled_then404InOpenAiShape() throws Exception {
        // when
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/no-such-endpoint"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void givenAnUpstreamRefusingTheRequest_whenChatting_thenItsErrorIsReturnedAsIsAndNothingIsCharged()
            throws Exception {
        // given
        try (FakeOpenAiUpstream refusing = new FakeOpenAiUpstream()) {
            refusing.failWith(400);
            String model = uniqueModel("refused");
            admin.createChannel("refusing-" + model, refusing.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "k", "quota", 1000));

            // when
            Answer a = chat(token.get("key").asText(), body(model));

            // then
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.error().get("message").asText()).isEqualTo("fake failure");
            assertThat(refusing.received()).hasSize(1);
            JsonNode after =
                    admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
            assertThat(after.get("usedQuota").asLong()).isZero();
            assertThat(after.get("remainingQuota").asLong()).isEqualTo(1000);
        }
    }

    @Test
    void givenAnUpstreamRefusalNamingItsKeyHostsAndAddresses_whenChatting_thenTheClientSeesItsMessageWithoutThem()
            throws Exception {
        // given: a provider whose error leaks the channel's key, an internal URL and host, and an address
        try (FakeOpenAiUpstream refusing = new FakeOpenAiUpstream()) {
            refusing.failWith(400, """
                    {"error":{"message":"Key sk-live-9f8e7d6c5b4a3908 rejected by http://10.0.0.7:8080/v1/auth at \
                    gateway.svc.internal:8443 (peer 192.168.4.20)","type":"invalid_request_error","param":null,
                    "code":"bad_key"},"debug":{"upstream":"10.0.0.7","trace":"internal"}}""");
            String model = uniqueModel("leaky");
            admin.createChannel("leaky-" + model, refusing.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "k", "quota", 1000));

            // when
            Answer a = chat(token.get("key").asText(), body(model));

            // then
            assertThat(a.status()).isEqualTo(400);
            String message = a.error().get("message").asText();
            assertThat(message)
                    .startsWith("Key [redacted] rejected by [url] at [host]")
                    .doesNotContain("sk-live", "10.0.0.7", "192.168.4.20", "svc.internal");
            assertThat(a.error().get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(a.error().get("code").asText()).isEqualTo("bad_key");
            assertThat(a.raw().body()).doesNotContain("debug", "trace");
        }
    }
}
