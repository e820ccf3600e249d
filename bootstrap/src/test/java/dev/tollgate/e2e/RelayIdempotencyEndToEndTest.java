package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on the relay (issue 18, item 4): a retry of the same request by the same API key gets the
 * first answer and is neither sent upstream nor charged again; another request under the key is 422; a retry while
 * the first runs is 409; the key belongs to the API key that used it.
 */
class RelayIdempotencyEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> chat(String key, String idempotencyKey, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + key)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String model, String content, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + content + "\"}]}";
    }

    private long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    @Test
    void givenARetryOfTheSameRequest_whenSentWithItsKey_thenTheFirstAnswerComesBackAndIsChargedOnce() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("idem");
            admin.createChannel("idem-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "idem", "quota", 100_000));
            JsonNode other = admin.createToken(Map.of("name", "idem-other", "quota", 100_000));
            String idempotencyKey = "retry-" + UUID.randomUUID();

            // when
            HttpResponse<String> first = chat(token.get("key").asText(), idempotencyKey, body(model, "hi", false));
            long charged = Awaitility.await().until(() -> used(token), u -> u > 0);
            HttpResponse<String> retry = chat(token.get("key").asText(), idempotencyKey, body(model, "hi", false));
            HttpResponse<String> changed = chat(token.get("key").asText(), idempotencyKey, body(model, "ho", false));
            HttpResponse<String> otherKey = chat(other.get("key").asText(), idempotencyKey, body(model, "hi", false));

            // then
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(changed.statusCode()).isEqualTo(422);
            assertThat(changed.body()).contains("\"code\":\"idempotency_key_reused\"");
            assertThat(otherKey.statusCode())
                    .as("the key is scoped to the API key")
                    .isEqualTo(200);
            assertThat(otherKey.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(upstream.received()).hasSize(2);
            assertThat(used(token)).isEqualTo(charged);
        }
    }

    @Test
    void givenARetryWhileTheFirstIsAnswered_whenSent_then409AndTheFirstStillAnswers() throws Exception {
        try (FakeOpenAiUpstream slow = new FakeOpenAiUpstream()) {
            // given: the provider takes a second to answer
            slow.delay(1_000);
            String model = uniqueModel("idem-slow");
            admin.createChannel("idem-slow-" + model, slow.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "idem-slow", "quota", 100_000))
                    .get("key")
                    .asText();
            String idempotencyKey = "slow-" + UUID.randomUUID();

            // when
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return chat(key, idempotencyKey, body(model, "hi", false));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Awaitility.await().until(() -> !slow.received().isEmpty());
            HttpResponse<String> during = chat(key, idempotencyKey, body(model, "hi", false));

            // then
            assertThat(during.statusCode()).isEqualTo(409);
            assertThat(during.headers().firstValue("Retry-After")).contains("1");
            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(slow.received()).hasSize(1);
        }
    }

    @Test
    void givenAStreamedAnswer_whenRetriedWithItsKey_thenItIsNotSentAgainAndSaysSo() throws Exception {
        // given
        String model = uniqueModel("idem-stream");
        admin.createChannel("idem-stream-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        String key = admin.createToken(Map.of("name", "idem-stream", "quota", 100_000))
                .get("key")
                .asText();
        String idempotencyKey = "stream-" + UUID.randomUUID();
        HttpResponse<String> first = chat(key, idempotencyKey, body(model, "hi", true));
        long sent = UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .count();

        // when
        HttpResponse<String> retry = chat(key, idempotencyKey, body(model, "hi", true));

        // then
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("data: [DONE]");
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.body()).contains("idempotent_stream_answered");
        assertThat(UPSTREAM.received().stream()
                        .filter(r -> model.equals(r.body().path("model").asText()))
                        .count())
                .isEqualTo(sent);
    }
}
