package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.application.channel.service.ChannelHealthService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Failover before the first byte: the next channel serves, and only the attempt that delivered is charged. */
class FailoverEndToEndTest extends EndToEndTestBase {
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

    @Test
    void givenTheTopPriorityChannelFailsWith500_whenChatting_thenTheNextChannelAnswersAndTheRequestIsChargedOnce()
            throws Exception {
        try (FakeOpenAiUpstream failing = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given
            failing.failWith(500);
            String model = uniqueModel("failover");
            admin.createChannel("primary-" + model, failing.baseUrl(), model, 10, 1, Map.of());
            admin.createChannel("backup-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "k", "quota", 10_000));

            // when
            HttpResponse<String> r = chat(token.get("key").asText(), model);

            // then
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains(FakeOpenAiUpstream.REPLY);
            assertThat(failing.received()).hasSize(1);
            assertThat(healthy.received()).hasSize(1);
            JsonNode after =
                    admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
            assertThat(after.get("usedQuota").asLong()).isEqualTo(12 + 8);
        }
    }

    @Test
    void givenAChannelThatKeepsFailing_whenFiveAttemptsFailed_thenItsBreakerOpensAndTrafficGoesStraightToTheBackup()
            throws Exception {
        try (FakeOpenAiUpstream failing = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given: the default breaker opens after 5 consecutive failures
            failing.failWith(500);
            String model = uniqueModel("breaker");
            admin.createChannel("primary-" + model, failing.baseUrl(), model, 10, 1, Map.of());
            admin.createChannel("backup-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            int ok = 0;
            for (int i = 0; i < 8; i++) {
                ok += chat(key, model).statusCode() == 200 ? 1 : 0;
            }

            // then
            assertThat(ok).isEqualTo(8);
            assertThat(failing.received()).hasSize(5);
            assertThat(healthy.received()).hasSize(8);
        }
    }

    @Test
    void givenTheOnlyChannelsBreakerIsOpen_whenChatting_then503NoAvailableChannelWithRetryAfter() throws Exception {
        try (FakeOpenAiUpstream failing = new FakeOpenAiUpstream()) {
            // given
            failing.failWith(502);
            String model = uniqueModel("open-breaker");
            admin.createChannel("only-" + model, failing.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();
            for (int i = 0; i < 5; i++) {
                assertThat(chat(key, model).statusCode()).isEqualTo(502);
            }

            // when
            HttpResponse<String> r = chat(key, model);

            // then
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("no_available_channel");
            assertThat(r.headers().firstValue("Retry-After")).contains("30");
            assertThat(failing.received()).hasSize(5);
        }
    }

    @Autowired
    ChannelHealthService health;

    @Test
    void givenAnUpstreamRejectingTheChannelsKey_whenChatting_thenTheNextChannelAnswersAndTheChannelIsAutoDisabled()
            throws Exception {
        try (FakeOpenAiUpstream rejecting = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given
            rejecting.failWith(401);
            String model = uniqueModel("rejected");
            String badId = admin.createChannel("bad-key-" + model, rejecting.baseUrl(), model, 10, 1, Map.of());
            admin.createChannel("good-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            HttpResponse<String> r = chat(key, model);

            // then: the client never sees the upstream's 401, and the channel leaves service
            assertThat(r.statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 5_000_000_000L;
            String status =
                    admin.get("/api/v1/channels/" + badId).json().get("status").asText();
            while (!"auto_disabled".equals(status) && System.nanoTime() < deadline) {
                status = admin.get("/api/v1/channels/" + badId)
                        .json()
                        .get("status")
                        .asText();
            }
            assertThat(status).isEqualTo("auto_disabled");
            chat(key, model);
            assertThat(rejecting.received()).hasSize(1);

            // and an admin's test shows why
            AdminApi.Reply test = admin.post("/api/v1/channels/" + badId + "/test", Map.of());
            assertThat(test.status()).isEqualTo(200);
            assertThat(test.json().get("success").asBoolean()).isFalse();
            assertThat(test.json().get("upstreamStatus").asInt()).isEqualTo(401);
            assertThat(test.json().get("message").asText()).contains("fake failure");

            // and when the upstream accepts the key again, the probe re-enables it
            rejecting.failWith(0);
            AdminApi.Reply passing = admin.post("/api/v1/channels/" + badId + "/test", Map.of("model", model));
            assertThat(passing.json().get("success").asBoolean()).isTrue();
            assertThat(passing.json().get("message").asText()).isEqualTo(FakeOpenAiUpstream.REPLY);
            assertThat(passing.json().get("latencyMillis").asLong()).isNotNegative();
            assertThat(health.probeAutoDisabled()).isEqualTo(1);
            assertThat(admin.get("/api/v1/channels/" + badId)
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("enabled");
        }
    }

    @Test
    void givenAChannelAnAdminDisabled_whenTheProbeRuns_thenItStaysDisabled() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("admin-off");
            String id = admin.createChannel("off-" + model, upstream.baseUrl(), model, 0, 1, Map.of());
            admin.patch("/api/v1/channels/" + id, Map.of("status", "disabled"));

            // when
            health.probeAutoDisabled();

            // then
            assertThat(admin.get("/api/v1/channels/" + id).json().get("status").asText())
                    .isEqualTo("disabled");
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void givenEveryChannelFails_whenChatting_then502UpstreamErrorAndNothingCharged() throws Exception {
        try (FakeOpenAiUpstream a = new FakeOpenAiUpstream();
                FakeOpenAiUpstream b = new FakeOpenAiUpstream()) {
            // given
            a.failWith(503);
            b.failWith(429);
            String model = uniqueModel("allfail");
            admin.createChannel("a-" + model, a.baseUrl(), model, 0, 1, Map.of());
            admin.createChannel("b-" + model, b.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "k", "quota", 10_000));

            // when
            HttpResponse<String> r = chat(token.get("key").asText(), model);

            // then: each channel tried once, never the one that just failed twice
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("upstream_error");
            assertThat(a.received()).hasSize(1);
            assertThat(b.received()).hasSize(1);
            JsonNode after =
                    admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
            assertThat(after.get("usedQuota").asLong()).isZero();
        }
    }

    @Test
    void givenEveryChannelRateLimited_whenChatting_then429WithTheProvidersRetryAfterAndNothingCharged()
            throws Exception {
        try (FakeOpenAiUpstream a = new FakeOpenAiUpstream();
                FakeOpenAiUpstream b = new FakeOpenAiUpstream()) {
            // given: both providers answer 429 with Retry-After: 7
            a.failWith(429);
            b.failWith(429);
            String model = uniqueModel("limited");
            admin.createChannel("a-" + model, a.baseUrl(), model, 0, 1, Map.of());
            admin.createChannel("b-" + model, b.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "k", "quota", 10_000));

            // when
            HttpResponse<String> r = chat(token.get("key").asText(), model);

            // then
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).contains("7");
            assertThat(r.body()).contains("\"code\":\"rate_limit_exceeded\"");
            assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                            .json()
                            .get("usedQuota")
                            .asLong())
                    .isZero();
        }
    }

    @Test
    void givenAChannelThatIsDown_whenChatting_thenAnotherChannelAnswers() throws Exception {
        try (FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given: a channel whose port nobody listens on
            String model = uniqueModel("down");
            admin.createChannel("down-" + model, "http://127.0.0.1:9", model, 5, 1, Map.of());
            admin.createChannel("up-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            HttpResponse<String> r = chat(key, model);

            // then
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(healthy.received()).hasSize(1);
        }
    }

    @Test
    void givenAHungChannelWithAShortStreamHeadTimeOut_whenStreaming_thenTheNextChannelAnswersWithinSeconds()
            throws Exception {
        try (FakeOpenAiUpstream hung = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given: the preferred channel takes requests and answers nothing for 60 s (a half-open upstream); its
            // streamed answers' head may take 1 s
            hung.delay(60_000);
            String model = uniqueModel("hung");
            AdminApi.Reply created = admin.post(
                    "/api/v1/channels",
                    Map.of(
                            "name", "hung-" + model,
                            "type", "openai",
                            "baseUrl", hung.baseUrl(),
                            "keys", List.of("sk-hung"),
                            "models", List.of(model),
                            "priority", 10,
                            "options", Map.of("streamFirstByteTimeout", "PT1S")));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            admin.createChannel("healthy-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                    + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then: left after its 1 s, the next channel streamed the answer
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("[DONE]");
            assertThat(hung.received()).hasSize(1);
            assertThat(healthy.received()).hasSize(1);
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void givenAHungChannelWithoutTimeOutOptions_whenEmbedding_thenTheNextChannelAnswersAfterTheStreamHeadTimeOut()
            throws Exception {
        try (FakeOpenAiUpstream hung = new FakeOpenAiUpstream();
                FakeOpenAiUpstream healthy = new FakeOpenAiUpstream()) {
            // given: the preferred channel takes requests and answers nothing for 90 s; no time-out set on it
            hung.delay(90_000);
            String model = uniqueModel("hung-embed");
            admin.createChannel("hung-" + model, hung.baseUrl(), model, 10, 1, Map.of());
            admin.createChannel("healthy-" + model, healthy.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(relayBase() + "/embeddings"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"input\":\"hi\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then: an embedding's head is awaited like a stream's (20 s), not like a generated answer's (60 s)
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("\"embedding\"");
            assertThat(hung.received())
                    .filteredOn(q -> q.path().endsWith("/embeddings"))
                    .hasSize(1);
            assertThat(healthy.received())
                    .filteredOn(q -> q.path().endsWith("/embeddings"))
                    .hasSize(1);
            assertThat(took).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(50));
        }
    }

    @Test
    void givenAnAzureChannel_whenChatting_thenTheDeploymentOfTheMappedModelIsCalledWithItsApiVersionAndKey()
            throws Exception {
        try (FakeOpenAiUpstream azure = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("azure");
            AdminApi.Reply created = admin.post(
                    "/api/v1/channels",
                    Map.of(
                            "name",
                            "azure-" + model,
                            "type",
                            "azure",
                            "baseUrl",
                            azure.baseUrl(),
                            "keys",
                            List.of("azure-key-9075318642"),
                            "models",
                            List.of(model),
                            "modelMapping",
                            Map.of(model, "prod-deployment"),
                            "options",
                            Map.of("apiVersion", "2024-06-01")));
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            HttpResponse<String> r = chat(key, model);

            // then
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("options").get("apiVersion").asText()).isEqualTo("2024-06-01");
            assertThat(r.statusCode()).isEqualTo(200);
            FakeOpenAiUpstream.Received sent = azure.received().getFirst();
            assertThat(sent.path()).isEqualTo("/openai/deployments/prod-deployment/chat/completions");
            assertThat(sent.query()).isEqualTo("api-version=2024-06-01");
            assertThat(sent.apiKey()).isEqualTo("azure-key-9075318642");
            assertThat(sent.authorization()).isNull();
            assertThat(r.body()).contains("\"model\":\"" + model + "\"");
        }
    }

    @Test
    void givenAModelMapping_whenChatting_thenTheUpstreamGetsItsNameAndTheClientSeesItsOwn() throws Exception {
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            // given
            String model = uniqueModel("mapped");
            admin.createChannel(
                    "mapped-" + model, upstream.baseUrl(), model, 0, 1, Map.of(model, "upstream-name-of-" + model));
            admin.setPrice(model, 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                    .get("key")
                    .asText();

            // when
            HttpResponse<String> r = chat(key, model);

            // then
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(upstream.received().getFirst().body().get("model").asText())
                    .isEqualTo("upstream-name-of-" + model);
            assertThat(r.body()).contains("\"model\":\"" + model + "\"");
        }
    }
}
