package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Keys on one node: allowed client subnets (the socket's address; {@code X-Forwarded-For} ignored without trusted
 * proxies), RPM and TPM limits with {@code Retry-After}, rotation, the last-used time, and validation errors that
 * change nothing. Limits across two nodes: {@link RateLimitsAcrossNodesEndToEndTest}.
 */
class KeysEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeOpenAiUpstream OWN_UPSTREAM = ownUpstream();
    private final HttpClient http = HttpClient.newHttpClient();

    private static FakeOpenAiUpstream ownUpstream() {
        try {
            return new FakeOpenAiUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopUpstream() {
        OWN_UPSTREAM.close();
    }

    private String model(String prefix) {
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, OWN_UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000, 1_000);
        return model;
    }

    private JsonNode key(Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "keys-e2e", "quota", 1_000_000));
        body.putAll(settings);
        return admin.createToken(body);
    }

    private HttpResponse<String> chat(String key, String model, Integer maxTokens, Map<String, String> headers)
            throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (maxTokens == null ? "" : ",\"max_tokens\":" + maxTokens) + "}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return chat(key, model, null, Map.of());
    }

    private long forwarded(String model) {
        return OWN_UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .count();
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenAKeyLimitedToTheCallersSubnet_whenCalling_thenServed() throws Exception {
        // given
        String model = model("subnet-ok");
        JsonNode token = key(Map.of("subnets", List.of("10.0.0.0/8", "127.0.0.0/8", "2001:db8::/32")));

        // when
        HttpResponse<String> r = chat(token.get("key").asText(), model);

        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(token.get("subnets")).hasSize(3);
        assertThat(token.get("subnets").get(1).asText()).isEqualTo("127.0.0.0/8");
        assertThat(token.get("subnets").get(2).asText()).isEqualTo("2001:db8::/32");
    }

    @Test
    void givenAKeyLimitedToOtherSubnets_whenCalling_thenRefusedWith403InEveryProtocolsShapeAndNothingForwarded()
            throws Exception {
        // given
        String model = model("subnet-refused");
        JsonNode token = key(Map.of("subnets", List.of("10.0.0.0/8", "::1/128")));
        String key = token.get("key").asText();

        // when
        HttpResponse<String> openAi = chat(key, model);
        HttpResponse<String> spoofed = chat(key, model, null, Map.of("X-Forwarded-For", "10.1.2.3"));
        HttpResponse<String> anthropic = anthropic(key, model);
        HttpResponse<String> gemini = gemini(key, model);

        // then
        assertThat(openAi.statusCode()).isEqualTo(403);
        assertThat(json(openAi).at("/error/code").asText()).isEqualTo("ip_not_allowed");
        assertThat(json(openAi).at("/error/message").asText()).contains("127.0.0.1");
        assertThat(spoofed.statusCode())
                .as("X-Forwarded-For is not trusted without trusted proxies")
                .isEqualTo(403);
        assertThat(json(spoofed).at("/error/code").asText()).isEqualTo("ip_not_allowed");
        assertThat(anthropic.statusCode()).isEqualTo(403);
        assertThat(json(anthropic).get("type").asText()).isEqualTo("error");
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(gemini.statusCode()).isEqualTo(403);
        assertThat(json(gemini).at("/error/status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(forwarded(model)).isZero();
        JsonNode view = admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
        assertThat(view.get("usedQuota").asLong()).isZero();
        assertThat(view.get("lastUsedAt").isNull())
                .as("a refused request is no use of the key")
                .isTrue();
    }

    @Test
    void givenBadSubnetsOrLimits_whenCreatingOrUpdating_then400NamingTheEntryAndNothingChanges() {
        // given
        JsonNode token = key(Map.of("subnets", List.of("192.168.0.0/16"), "rpm", 10));
        String id = token.get("id").asText();
        long keysBefore =
                admin.get("/api/v1/tokens?size=500").json().get("total").asLong();

        // when
        AdminApi.Reply notAnAddress = admin.post(
                "/api/v1/tokens", Map.of("name", "bad", "quota", 1, "subnets", List.of("10.0.0.0/8", "example.com")));
        AdminApi.Reply hostBits =
                admin.post("/api/v1/tokens", Map.of("name", "bad", "quota", 1, "subnets", List.of("10.0.0.5/8")));
        AdminApi.Reply prefixTooLong =
                admin.post("/api/v1/tokens", Map.of("name", "bad", "quota", 1, "subnets", List.of("10.0.0.0/33")));
        AdminApi.Reply zeroRpm = admin.post("/api/v1/tokens", Map.of("name", "bad", "quota", 1, "rpm", 0));
        AdminApi.Reply textTpm = admin.post("/api/v1/tokens", Map.of("name", "bad", "quota", 1, "tpm", "many"));
        AdminApi.Reply badPatch =
                admin.patch("/api/v1/tokens/" + id, Map.of("subnets", List.of("300.1.1.1"), "rpm", 5));
        AdminApi.Reply negativeTpm = admin.patch("/api/v1/tokens/" + id, Map.of("tpm", -1));
        AdminApi.Reply foreignOwner =
                admin.post("/api/v1/tokens", Map.of("name", "bad", "quota", 1, "ownerId", "someone-else"));
        AdminApi.Reply usedQuota = admin.patch("/api/v1/tokens/" + id, Map.of("usedQuota", 0));

        // then
        for (AdminApi.Reply r : List.of(
                notAnAddress,
                hostBits,
                prefixTooLong,
                zeroRpm,
                textTpm,
                badPatch,
                negativeTpm,
                foreignOwner,
                usedQuota)) {
            assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
            assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(notAnAddress.json().get("detail").asText()).contains("'example.com'");
        assertThat(hostBits.json().get("detail").asText())
                .contains("'10.0.0.5/8'")
                .contains("10.0.0.0/8");
        assertThat(prefixTooLong.json().get("detail").asText()).contains("'10.0.0.0/33'");
        assertThat(zeroRpm.json().get("detail").asText()).contains("rpm");
        assertThat(badPatch.json().get("detail").asText()).contains("'300.1.1.1'");
        assertThat(foreignOwner.raw().body()).contains("ownerId");
        assertThat(usedQuota.raw().body()).contains("usedQuota");
        assertThat(admin.get("/api/v1/tokens?size=500").json().get("total").asLong())
                .isEqualTo(keysBefore);
        JsonNode after = admin.get("/api/v1/tokens/" + id).json();
        assertThat(after.get("subnets").get(0).asText()).isEqualTo("192.168.0.0/16");
        assertThat(after.get("rpm").asLong()).isEqualTo(10);
        assertThat(after.get("tpm").isNull()).isTrue();
    }

    @Test
    void givenAKeyWithRpm_whenCalledMoreOftenThanItsLimit_thenTheRestGet429WithRetryAfterAndAreNotForwarded()
            throws Exception {
        // given
        String model = model("rpm");
        String key = key(Map.of("rpm", 3)).get("key").asText();

        // when
        List<HttpResponse<String>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(chat(key, model));
        }

        // then
        assertThat(replies.stream().map(HttpResponse::statusCode)).containsExactly(200, 200, 200, 429, 429);
        HttpResponse<String> limited = replies.get(3);
        assertThat(json(limited).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(json(limited).at("/error/type").asText()).isEqualTo("requests");
        assertThat(json(limited).at("/error/message").asText()).contains("3 requests per minute");
        long retryAfter =
                Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 20L); // one request comes back every 20 s at 3 per minute
        assertThat(forwarded(model)).isEqualTo(3);
    }

    private HttpResponse<String> anthropic(String key, String model) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                        .header("x-api-key", key)
                        .header("anthropic-version", "2023-06-01")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":10,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> gemini(String key, String model) throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1beta/models/" + model + ":generateContent"))
                        .header("x-goog-api-key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenAKeyWithRpm_whenAnthropicAndGeminiClientsGoOverIt_then429InTheirOwnShapesWithRetryAfter()
            throws Exception {
        // given
        String model = model("rpm-protocols");
        String key = key(Map.of("rpm", 1)).get("key").asText();

        // when
        HttpResponse<String> first = anthropic(key, model);
        HttpResponse<String> anthropic = anthropic(key, model);
        HttpResponse<String> gemini = gemini(key, model);

        // then
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(json(anthropic).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(anthropic.headers().firstValue("Retry-After")).isPresent();
        assertThat(gemini.statusCode()).isEqualTo(429);
        assertThat(json(gemini).at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(gemini.headers().firstValue("Retry-After")).isPresent();
        assertThat(forwarded(model)).isEqualTo(1);
    }

    @Test
    void givenAKeyWithTpm_whenARequestsEstimateExceedsWhatIsLeft_then429ForTokens() throws Exception {
        // given: the answer uses exactly what was taken (50 + 50 of a 100-token bucket), so nothing comes back
        String model = model("tpm");
        String key = key(Map.of("tpm", 100)).get("key").asText();
        OWN_UPSTREAM.usage(50, 50);
        try {
            // when
            HttpResponse<String> first = chat(key, model, 200, Map.of());
            HttpResponse<String> second = chat(key, model, 20, Map.of());

            // then
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
            assertThat(json(second).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(json(second).at("/error/type").asText()).isEqualTo("tokens");
            assertThat(json(second).at("/error/message").asText()).contains("100 tokens per minute");
            long retryAfter =
                    Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(forwarded(model)).isEqualTo(1);
        } finally {
            OWN_UPSTREAM.reset();
        }
    }

    @Test
    void givenAKeyWithTpm_whenAnAnswerUsesFewerTokensThanEstimated_thenTheDifferenceComesBackToTheBucket()
            throws Exception {
        // given: 100 tokens per minute refill 1.7 per second; the first request takes all 100 (estimate over
        // the limit), its answer uses 10
        String model = model("tpm-refund");
        String key = key(Map.of("tpm", 100)).get("key").asText();
        OWN_UPSTREAM.usage(5, 5);
        try {
            assertThat(chat(key, model, 500, Map.of()).statusCode()).isEqualTo(200);

            // when: a request estimated at 9 + 50 tokens: only the 90 given back can admit it within 5 s
            AtomicInteger last = new AtomicInteger();
            try {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            last.set(chat(key, model, 50, Map.of()).statusCode());
                            return last.get() != 429;
                        });
            } catch (ConditionTimeoutException e) {
                // asserted below with the last status
            }
            int status = last.get();

            // then
            assertThat(status).isEqualTo(200);
        } finally {
            OWN_UPSTREAM.reset();
        }
    }

    @Test
    void givenAKey_whenRotated_thenANewSecretWithTheSameSettingsAndTheOldOneRefusedAtOnce() throws Exception {
        // given
        String model = model("rotate");
        JsonNode token =
                key(Map.of("subnets", List.of("127.0.0.0/8"), "rpm", 100, "tpm", 100_000, "models", List.of(model)));
        String id = token.get("id").asText();
        String oldKey = token.get("key").asText();
        assertThat(chat(oldKey, model).statusCode()).isEqualTo(200);

        // when
        AdminApi.Reply rotated = admin.post("/api/v1/tokens/" + id + "/rotate", null);

        // then
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        String newKey = rotated.json().get("key").asText();
        assertThat(newKey).startsWith("sk-").isNotEqualTo(oldKey);
        assertThat(rotated.json().get("id").asText()).isEqualTo(id);
        assertThat(rotated.json().get("maskedKey").asText())
                .isNotEqualTo(token.get("maskedKey").asText());
        for (String field : List.of("quota", "subnets", "rpm", "tpm", "models", "group", "unlimitedQuota")) {
            assertThat(rotated.json().get(field)).as(field).isEqualTo(token.get(field));
        }
        HttpResponse<String> old = chat(oldKey, model);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(json(old).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(chat(newKey, model).statusCode()).isEqualTo(200);
        JsonNode view = admin.get("/api/v1/tokens/" + id).json();
        assertThat(view.has("key")).as("the secret is shown once").isFalse();
        String listed = admin.get("/api/v1/tokens?size=500").raw().body();
        assertThat(listed)
                .doesNotContain(sha256(newKey))
                .doesNotContain(sha256(oldKey))
                .doesNotContain(newKey)
                .doesNotContain("keyHash");
        assertThat(rotated.raw().body()).doesNotContain(sha256(newKey));
    }

    @Test
    void givenAnotherUsersKey_whenAUserRotatesIt_then404AndTheKeyStillWorks() throws Exception {
        // given
        String model = model("rotate-other");
        JsonNode token = key(Map.of());
        String key = token.get("key").asText();
        String id = token.get("id").asText();
        String password = "correct-horse-battery-9";
        AdminApi.Reply user = admin.post(
                "/api/v1/users", Map.of("username", uniqueModel("mallory"), "password", password, "role", "USER"));
        assertThat(user.status()).as(user.raw().body()).isEqualTo(201);
        AdminApi mallory =
                new AdminApi(port).loginAs(user.json().get("username").asText(), password);

        // when
        AdminApi.Reply r = mallory.post("/api/v1/tokens/" + id + "/rotate", null);

        // then
        assertThat(r.status()).isEqualTo(404);
        assertThat(chat(key, model).statusCode()).isEqualTo(200);
    }

    @Test
    void givenAKey_whenUsed_thenItsViewShowsTheLastUsedTimeToTheSecond() throws Exception {
        // given
        String model = model("last-used");
        JsonNode token = key(Map.of());
        String id = token.get("id").asText();
        assertThat(token.get("lastUsedAt").isNull()).isTrue();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // when
        assertThat(chat(token.get("key").asText(), model).statusCode()).isEqualTo(200);

        // then: this node shows it at once, before any flush
        Instant after = Instant.now();
        Instant lastUsed = Instant.parse(
                admin.get("/api/v1/tokens/" + id).json().get("lastUsedAt").asText());
        assertThat(lastUsed).isBetween(before, after);
        JsonNode listed = admin.get("/api/v1/tokens?size=500").json().get("items");
        assertThat(StreamSupport.stream(listed.spliterator(), false)
                        .filter(t -> t.get("id").asText().equals(id))
                        .findFirst()
                        .orElseThrow()
                        .get("lastUsedAt")
                        .asText())
                .isEqualTo(lastUsed.toString());
    }
}
