package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.application.common.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The first slice of the admin API over real HTTP and a real database. */
class AdminApiEndToEndTest extends EndToEndTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenARunningGateway_whenAskingStatusAndHealth_thenBothAnswerWithoutAuthentication() {
        // when
        AdminApi.Reply status = admin.call("GET", "/api/status", null, null);
        AdminApi.Reply health = admin.call("GET", "/actuator/health", null, null);

        // then
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("success").asBoolean()).isTrue();
        assertThat(status.json().path("data").has("version")).isTrue();
        assertThat(status.json().path("data").has("startedAt")).isTrue();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void givenAWrongPassword_whenLoggingIn_then401ProblemAndAfterTenFailures429() {
        // given: another username than root, so that the other tests can still sign in from this address
        Map<String, String> wrong = Map.of("username", "intruder-" + UUID.randomUUID(), "password", "not-the-password");

        // when
        AdminApi.Reply first = admin.call("POST", "/api/v1/auth/login", wrong, null);
        for (int i = 0; i < 9; i++) {
            admin.call("POST", "/api/v1/auth/login", wrong, null);
        }
        AdminApi.Reply eleventh = admin.call("POST", "/api/v1/auth/login", wrong, null);

        // then
        assertThat(first.status()).isEqualTo(401);
        assertThat(first.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(first.json().get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void givenAChannelWithAnUpstreamKey_whenReadingItBackAndTheEventLog_thenTheKeyIsNeverInClear() {
        // given
        String secret = "sk-very-secret-upstream-key-9075318642";
        AdminApi.Reply created = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "secret-test",
                        "type",
                        "openai",
                        "baseUrl",
                        "https://api.example.com",
                        "keys",
                        List.of(secret),
                        "models",
                        List.of("gpt-x"),
                        "groups",
                        List.of("default"),
                        "priority",
                        0,
                        "weight",
                        1));

        // when
        AdminApi.Reply read =
                admin.get("/api/v1/channels/" + created.json().get("id").asText());
        AdminApi.Reply list = admin.get("/api/v1/channels?page=0&size=100");
        List<String> payloads =
                jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry", String.class);
        List<byte[]> stored = jdbc.queryForList("select ciphertext from channel_secret", byte[].class);

        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).isPresent();
        assertThat(created.raw().body()).doesNotContain(secret);
        assertThat(read.raw().body()).doesNotContain(secret).contains("8642");
        assertThat(list.raw().body()).doesNotContain(secret);
        assertThat(payloads).noneMatch(p -> p.contains(secret));
        assertThat(stored).noneMatch(c -> new String(c, StandardCharsets.ISO_8859_1).contains(secret));
    }

    @Test
    void givenAProviderPresetWithoutBaseUrl_whenCreatingTheChannel_thenItsPublicEndpointIsFilledIn() {
        // when
        AdminApi.Reply created = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "ds",
                        "type",
                        "deepseek",
                        "keys",
                        List.of("sk-deepseek-key-000000"),
                        "models",
                        List.of("deepseek-chat")));
        AdminApi.Reply unknown = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "x",
                        "type",
                        "no-such-provider",
                        "keys",
                        List.of("sk-k-000000000"),
                        "models",
                        List.of("m")));

        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("baseUrl").asText()).isEqualTo("https://api.deepseek.com");
        assertThat(created.json().get("type").asText()).isEqualTo("deepseek");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("type");
    }

    @Test
    void givenRelayedRequests_whenReadingUsage_thenOneRecordPerRequestWithTotalsAndADailySummary() throws Exception {
        // given: two chats of 12 + 8 tokens at 1 unit each
        String model = uniqueModel("usage");
        admin.createChannel("usage-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        JsonNode token = admin.createToken(Map.of("name", "usage", "quota", 1000));
        String key = token.get("key").asText();
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < 2; i++) {
            assertThat(admin.call("POST", "/v1/chat/completions", body, key).status())
                    .isEqualTo(200);
        }
        String query = "/api/v1/usage?tokenId=" + token.get("id").asText();

        // when: the usage view follows the event log asynchronously
        AdminApi.Reply usage = admin.get(query);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (usage.json().get("total").asLong() < 2 && System.nanoTime() < deadline) {
            usage = admin.get(query);
        }
        AdminApi.Reply summary = admin.get(
                "/api/v1/usage/summary?groupBy=model&tokenId=" + token.get("id").asText());
        AdminApi.Reply badGrouping = admin.get("/api/v1/usage/summary?groupBy=planet");

        // then
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.json().get("total").asLong()).isEqualTo(2);
        assertThat(usage.json().get("items")).hasSize(2);
        JsonNode record = usage.json().get("items").get(0);
        assertThat(record.get("model").asText()).isEqualTo(model);
        assertThat(record.get("cost").asLong()).isEqualTo(20);
        assertThat(record.get("outcome").asText()).isEqualTo("succeeded");
        assertThat(usage.json().get("totals").get("cost").asLong()).isEqualTo(40);
        assertThat(summary.json().get("items").get(0).get("key").asText()).isEqualTo(model);
        assertThat(summary.json().get("items").get(0).get("requests").asLong()).isEqualTo(2);
        assertThat(badGrouping.status()).isEqualTo(400);
        String metrics = admin.get("/actuator/prometheus").raw().body();
        assertThat(metrics)
                .contains("tollgate_relay_requests_total{channel=\"")
                .contains("model=\"" + model + "\",outcome=\"succeeded\"")
                .contains("tollgate_relay_tokens_total")
                .contains("tollgate_billing_journal_pending")
                .contains("tollgate_billing_allowance_unused_units")
                .contains("tollgate_billing_allowance_requests_total")
                .doesNotContain(key);
    }

    @Test
    void givenOneApiRatioTables_whenImportedAndExported_thenPricesFollowOneApisConventionBothWays() {
        // given: ratio 1 = 1 unit per token; gpt-4o-mini 0.075 with completion ratio 4
        String a = uniqueModel("ratio-a");
        String b = uniqueModel("ratio-b");
        Map<String, Object> tables = Map.of(
                "ModelRatio", Map.of(a, 0.075, b, 1),
                "CompletionRatio", Map.of(a, 4),
                "GroupRatio", Map.of("default", 1));

        // when
        AdminApi.Reply imported = admin.post("/api/v1/prices/import/one-api", tables);
        AdminApi.Reply priceA = admin.get("/api/v1/prices/" + a);
        AdminApi.Reply priceB = admin.get("/api/v1/prices/" + b);
        AdminApi.Reply exported = admin.get("/api/v1/prices/export/one-api");
        AdminApi.Reply bad = admin.post("/api/v1/prices/import/one-api", Map.of("ModelRatio", Map.of(a, "cheap")));

        // then
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        assertThat(imported.json().get("groups").get(0).asText()).isEqualTo("default");
        assertThat(priceA.json().get("input").asLong()).isEqualTo(75_000);
        assertThat(priceA.json().get("output").asLong()).isEqualTo(300_000);
        assertThat(priceB.json().get("input").asLong()).isEqualTo(1_000_000);
        assertThat(priceB.json().get("output").asLong()).isEqualTo(1_000_000);
        assertThat(exported.json().get("ModelRatio").get(a).decimalValue()).isEqualByComparingTo("0.075");
        assertThat(exported.json().get("CompletionRatio").get(a).decimalValue()).isEqualByComparingTo("4");
        assertThat(exported.json().get("CompletionRatio").has(b)).isFalse();
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void givenANewToken_whenCreatedAndReadBack_thenTheKeyIsShownOnceAndOnlyItsHashIsStored() {
        // given
        JsonNode created = admin.createToken(Map.of("name", "once", "quota", 500_000));
        String key = created.get("key").asText();

        // when
        AdminApi.Reply read = admin.get("/api/v1/tokens/" + created.get("id").asText());
        List<String> payloads =
                jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry", String.class);

        // then
        assertThat(key).matches("sk-[A-Za-z0-9]{48}");
        assertThat(created.get("remainingQuota").asLong()).isEqualTo(500_000);
        assertThat(created.get("usedQuota").asLong()).isZero();
        assertThat(created.get("unlimitedQuota").asBoolean()).isFalse();
        assertThat(read.json().has("key")).isFalse();
        assertThat(read.raw().body()).doesNotContain(key);
        assertThat(payloads).noneMatch(p -> p.contains(key));
        assertThat(payloads).anyMatch(p -> p.contains(ApiKeys.hash(key)));
    }

    @Test
    void givenAChannel_whenDisabledThenDeleted_thenTheRelayStopsServingItsModel() {
        // given
        String model = uniqueModel("lifecycle");
        String id = admin.createChannel("life-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1, 1);
        String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                .get("key")
                .asText();

        // when
        AdminApi.Reply disabled = admin.patch("/api/v1/channels/" + id, Map.of("status", "disabled"));
        AdminApi.Reply models = admin.call("GET", "/v1/models", null, key);
        AdminApi.Reply deleted = admin.delete("/api/v1/channels/" + id);
        AdminApi.Reply gone = admin.get("/api/v1/channels/" + id);

        // then
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");
        assertThat(models.raw().body()).doesNotContain(model);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
    }
}
