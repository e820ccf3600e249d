package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.moderations.ModerationCreateParams;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An unmodified OpenAI client (the official Java SDK) against Tollgate, which relays to a fake provider. */
class OpenAiSdkEndToEndTest extends EndToEndTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BillingJournal journal;

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(relayBase())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private String pricedModelWithChannel(String prefix, long input, long output) {
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, input, output);
        return model;
    }

    @Test
    void givenAChannelAndAKey_whenTheSdkListsModels_thenTheChannelsModelIsListed() {
        // given
        String model = pricedModelWithChannel("list", 1_000_000, 2_000_000);
        String key = admin.createToken(Map.of("name", "sdk", "unlimitedQuota", true))
                .get("key")
                .asText();

        // when
        List<String> ids =
                client(key).models().list().autoPager().stream().map(Model::id).toList();

        // then
        assertThat(ids).contains(model);
    }

    @Test
    void givenAPricedModel_whenTheSdkChats_thenTheAnswerArrivesAndTheUsageIsBilledAsAnEvent() {
        // given
        String model = pricedModelWithChannel("chat", 1_000_000, 2_000_000);
        JsonNode token = admin.createToken(Map.of("name", "sdk", "quota", 500_000));
        long eventsBefore = settledEvents();

        // when
        ChatCompletion completion = client(token.get("key").asText())
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("Say hello")
                        .build());

        // then: prompt 12 × 1 unit + completion 8 × 2 units = 28 units
        assertThat(completion.choices().get(0).message().content()).contains(FakeOpenAiUpstream.REPLY);
        assertThat(completion.model()).isEqualTo(model);
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(12);
        JsonNode after = admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
        assertThat(after.get("usedQuota").asLong()).isEqualTo(28);
        assertThat(after.get("remainingQuota").asLong()).isEqualTo(500_000 - 28);
        assertThat(journal.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        assertThat(settledEvents()).isEqualTo(eventsBefore + 1);
        FakeOpenAiUpstream.Received sent = UPSTREAM.received().getLast();
        assertThat(sent.authorization()).isEqualTo("Bearer sk-upstream-fake-" + model);
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void givenAPricedModel_whenTheSdkStreams_thenDeltasConcatenateAndUsageIsBilledWithoutLeakingTheUsageChunk() {
        // given
        String model = pricedModelWithChannel("stream", 1_000_000, 1_000_000);
        JsonNode token = admin.createToken(Map.of("name", "sdk", "quota", 1_000));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Say hello")
                .build();

        // when
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream =
                client(token.get("key").asText()).chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }

        // then
        String text = chunks.stream()
                .flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertThat(text).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(chunks.stream()
                        .flatMap(c -> c.choices().stream())
                        .map(c -> c.finishReason().map(Object::toString).orElse("")))
                .contains("stop");
        assertThat(chunks).allSatisfy(c -> assertThat(c.usage()).isEmpty());
        assertThat(UPSTREAM.received()
                        .getLast()
                        .body()
                        .path("stream_options")
                        .path("include_usage")
                        .asBoolean())
                .isTrue();
        JsonNode after = admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
        assertThat(after.get("usedQuota").asLong()).isEqualTo(12 + 8);
    }

    @Test
    void givenAWrongKey_whenTheSdkChats_thenItGetsAnAuthenticationError() {
        // given
        String model = pricedModelWithChannel("auth", 1, 1);

        // when / then
        assertThatThrownBy(() -> client("sk-not-a-real-key")
                        .chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(model)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOfSatisfying(
                        UnauthorizedException.class, e -> assertThat(e.code()).contains("invalid_api_key"));
    }

    @Test
    void givenAKeyWithoutQuotaLeft_whenTheSdkChats_thenItGetsARateLimitErrorForInsufficientQuota() {
        // given: 30 units cover one request of 12 × 1 + 8 × 2 = 28 units with max_tokens 8
        String model = pricedModelWithChannel("quota", 1_000_000, 2_000_000);
        UPSTREAM.usage(12, 8);
        String key = admin.createToken(Map.of("name", "small", "quota", 10))
                .get("key")
                .asText();

        // when / then
        assertThatThrownBy(() -> client(key)
                        .chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model(model)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOfSatisfying(
                        RateLimitException.class, e -> assertThat(e.code()).contains("insufficient_quota"));
    }

    @Test
    void givenQuotaForExactlyTenRequests_when50RequestsRace_thenExactlyTenSucceedAndTheRestGetInsufficientQuota()
            throws Exception {
        // given: output costs 1 unit per token, input is free; each request asks for 8 tokens and gets 8
        String model = pricedModelWithChannel("race", 0, 1_000_000);
        UPSTREAM.usage(12, 8);
        JsonNode token = admin.createToken(Map.of("name", "race", "quota", 80));
        OpenAIClient client = client(token.get("key").asText());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hi")
                .maxCompletionTokens(8)
                .build();

        // when
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> {
                try {
                    client.chat().completions().create(params);
                    return "ok";
                } catch (RateLimitException e) {
                    return "429";
                }
            });
        }
        List<String> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<String> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
        }

        // then
        assertThat(results.stream().filter("ok"::equals).count()).isEqualTo(10);
        assertThat(results.stream().filter("429"::equals).count()).isEqualTo(40);
        JsonNode after = admin.get("/api/v1/tokens/" + token.get("id").asText()).json();
        assertThat(after.get("usedQuota").asLong()).isEqualTo(80);
        assertThat(after.get("remainingQuota").asLong()).isZero();
    }

    @Test
    void givenAKeyWithSpending_whenAChatFrontEndAsksForItsBalance_thenTheBillingEndpointsAnswerInUsd() {
        // given: 1,000,000 units = 2 USD; one chat costs 12 + 8 × 2 = 28 units
        String model = pricedModelWithChannel("balance", 1_000_000, 2_000_000);
        UPSTREAM.usage(12, 8);
        String key = admin.createToken(Map.of("name", "ui", "quota", 1_000_000))
                .get("key")
                .asText();
        client(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("hi")
                        .build());

        // when
        AdminApi.Reply subscription = admin.call("GET", "/dashboard/billing/subscription", null, key);
        AdminApi.Reply usage = admin.call("GET", "/v1/dashboard/billing/usage", null, key);
        AdminApi.Reply oneModel = admin.call("GET", "/v1/models/" + model, null, key);
        AdminApi.Reply noModel = admin.call("GET", "/v1/models/not-a-model", null, key);
        AdminApi.Reply wrongKey = admin.call("GET", "/dashboard/billing/usage", null, "sk-wrong");

        // then
        assertThat(subscription.status()).isEqualTo(200);
        assertThat(subscription.json().get("hard_limit_usd").asDouble()).isEqualTo(2.0);
        assertThat(usage.json().get("total_usage").asDouble()).isEqualTo(28 * 100.0 / 500_000);
        assertThat(oneModel.json().get("id").asText()).isEqualTo(model);
        assertThat(noModel.status()).isEqualTo(404);
        assertThat(noModel.json().path("error").path("code").asText()).isEqualTo("model_not_found");
        assertThat(wrongKey.status()).isEqualTo(401);
    }

    @Test
    void givenAnEmbeddingModel_whenTheSdkEmbeds_thenVectorsArriveAndOnlyTheInputIsBilled() {
        // given: input at 1 unit per token, the fake reports 12 prompt tokens
        String model = pricedModelWithChannel("embed", 1_000_000, 0);
        UPSTREAM.usage(12, 0);
        JsonNode token = admin.createToken(Map.of("name", "rag", "quota", 10_000));

        // when
        var embeddings = client(token.get("key").asText())
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(model)
                        .input("Tollgate bills every token")
                        .build());

        // then
        assertThat(embeddings.data().getFirst().embedding()).containsExactly(0.25f, -0.5f, 0.125f);
        assertThat(UPSTREAM.received().getLast().path()).isEqualTo("/v1/embeddings");
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(12);
    }

    @Test
    void givenALegacyEngineEmbeddingsCall_whenRelayed_thenTheModelFromThePathIsSentUpstream() {
        // given
        String model = pricedModelWithChannel("engine", 1_000_000, 0);
        String key = admin.createToken(Map.of("name", "old", "unlimitedQuota", true))
                .get("key")
                .asText();

        // when
        AdminApi.Reply r = admin.call("POST", "/v1/engines/" + model + "/embeddings", "{\"input\":\"hello\"}", key);

        // then
        assertThat(r.status()).isEqualTo(200);
        assertThat(UPSTREAM.received().getLast().body().get("model").asText()).isEqualTo(model);
    }

    @Test
    void givenACompletionModel_whenTheSdkCompletes_thenTheTextArrivesAndIsBilled() {
        // given
        String model = pricedModelWithChannel("legacy-completion", 1_000_000, 1_000_000);
        UPSTREAM.usage(12, 8);
        JsonNode token = admin.createToken(Map.of("name", "old-app", "quota", 10_000));

        // when
        var completion = client(token.get("key").asText())
                .completions()
                .create(CompletionCreateParams.builder()
                        .model(model)
                        .prompt("Say hello")
                        .maxTokens(8L)
                        .build());

        // then
        assertThat(completion.choices().getFirst().text()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(UPSTREAM.received().getLast().path()).isEqualTo("/v1/completions");
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(20);
    }

    @Test
    void givenARerankModel_whenRanking_thenTheResultsArriveAndTheTotalTokensAreBilledAsInput() {
        // given: a Jina-style answer reporting only total_tokens (12)
        String model = pricedModelWithChannel("rerank", 1_000_000, 0);
        UPSTREAM.usage(12, 0);
        JsonNode token = admin.createToken(Map.of("name", "rank", "quota", 1_000));

        // when
        AdminApi.Reply r = admin.call(
                "POST",
                "/v1/rerank",
                "{\"model\":\"" + model + "\",\"query\":\"which is cheaper?\",\"documents\":[\"a\",\"b\"],\"top_n\":2}",
                token.get("key").asText());

        // then
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("results").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(UPSTREAM.received().getLast().path()).isEqualTo("/v1/rerank");
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(12);
    }

    @Test
    void givenTheDefaultModerationModelIsServed_whenTheSdkModeratesWithoutAModel_thenTheResultArrives() {
        // given
        admin.createChannel("moderation", UPSTREAM.baseUrl(), "omni-moderation-latest", 0, 1, Map.of());
        admin.setPrice("omni-moderation-latest", 0, 0);
        String key = admin.createToken(Map.of("name", "mod", "quota", 1_000))
                .get("key")
                .asText();

        // when
        var moderation = client(key)
                .moderations()
                .create(ModerationCreateParams.builder()
                        .input("a friendly sentence")
                        .build());

        // then
        assertThat(moderation.results().getFirst().flagged()).isFalse();
        assertThat(UPSTREAM.received().getLast().path()).isEqualTo("/v1/moderations");
    }

    @Test
    void givenAnEmbeddingsRequestWithoutInput_whenRelayed_then400() {
        // given
        String model = pricedModelWithChannel("embed-bad", 1, 0);
        String key = admin.createToken(Map.of("name", "k", "unlimitedQuota", true))
                .get("key")
                .asText();

        // when
        AdminApi.Reply r = admin.call("POST", "/v1/embeddings", "{\"model\":\"" + model + "\"}", key);

        // then
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("param").asText()).isEqualTo("input");
    }

    private long settledEvents() {
        journal.awaitFlushed(Duration.ofSeconds(10));
        Long n = jdbc.queryForObject(
                "select count(*) from request_event_entry where type = 'Request' and payload_type = ?",
                Long.class,
                RequestSettledEvent.class.getName());
        return n == null ? 0 : n;
    }
}
