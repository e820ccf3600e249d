package dev.tollgate.adapter.out.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Answer;
import dev.tollgate.adapter.out.provider.vertex.ServiceAccountFixture.MovableClock;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.application.upstream.port.out.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VertexChatUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-10-01T10:00:00Z");
    private static final String GEMINI = "gemini-2.5-flash";
    private static final String CLAUDE = "claude-sonnet-4-5@20250929";
    private static final String GEMINI_BASE =
            "/v1/projects/proj-from-key/locations/us-central1/publishers/google/models/gemini-2.5-flash";
    private static final String CLAUDE_BASE =
            "/v1/projects/proj-from-key/locations/us-central1/publishers/anthropic/models/claude-sonnet-4-5@20250929";

    private final MovableClock clock = new MovableClock(START);
    private final VertexChatUpstream upstream = new VertexChatUpstream(
            new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 65_536), clock);
    private final AtomicInteger issued = new AtomicInteger();
    private ScriptedHttpServer tokenServer;
    private ScriptedHttpServer vertex;
    private Function<ScriptedHttpServer.Received, Answer> vertexScript = r -> Answer.json(500, "{}");

    @BeforeEach
    void setUp() throws Exception {
        tokenServer = ScriptedHttpServer.answering(r -> Answer.json(
                200, ServiceAccountFixture.tokenAnswer("ya29.fake-token-" + issued.incrementAndGet(), 3600)));
        vertex = ScriptedHttpServer.answering(r -> vertexScript.apply(r));
    }

    @AfterEach
    void tearDown() {
        tokenServer.close();
        vertex.close();
    }

    private static String fixture(String name) {
        try (InputStream in = VertexChatUpstreamTest.class.getResourceAsStream("/vertex/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String keyJson() {
        return ServiceAccountFixture.keyJson(tokenServer.baseUrl() + "/token");
    }

    private UpstreamChatRequest request(
            RelayEndpoint endpoint, String model, boolean stream, Map<String, String> options) {
        return new UpstreamChatRequest(
                endpoint,
                "req-1",
                new UpstreamTarget("ch-v", "vertex", vertex.baseUrl(), keyJson(), options),
                fixture("chat-request.json").getBytes(StandardCharsets.UTF_8),
                "my-model",
                model,
                stream,
                false,
                null,
                Duration.ofSeconds(5));
    }

    private UpstreamChatRequest request(String model, boolean stream) {
        return request(RelayEndpoint.CHAT_COMPLETIONS, model, stream, Map.of("location", "us-central1"));
    }

    private static List<StreamChunk> drain(UpstreamChatResponse response) throws UpstreamException {
        List<StreamChunk> chunks = new ArrayList<>();
        for (StreamChunk chunk = response.nextChunk(); chunk != null; chunk = response.nextChunk()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    @Test
    void givenAGeminiModel_whenSending_thenGenerateContentIsCalledWithTheBearerTokenAndTheAnswerConverted()
            throws Exception {
        // given
        vertexScript = r -> Answer.json(200, fixture("gemini-answer.json"));

        // when
        CompletedChat chat;
        try (UpstreamChatResponse response = upstream.send(request(GEMINI, false))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.streaming()).isFalse();
            chat = response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = vertex.received().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(GEMINI_BASE + ":generateContent");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer ya29.fake-token-1");
        assertThat(sent.headers()).doesNotContainKey("x-goog-api-key");
        JsonNode body = json(sent.body());
        assertThat(body.path("contents")
                        .get(0)
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("Say hello.");
        assertThat(body.path("systemInstruction")
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("Be brief.");
        assertThat(body.path("generationConfig").path("maxOutputTokens").asLong())
                .isEqualTo(64);
        assertThat(body.has("model")).isFalse();

        JsonNode answer = json(chat.body());
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("id").asText()).isEqualTo("chatcmpl-req-1");
        assertThat(answer.path("model").asText()).isEqualTo("my-model");
        assertThat(answer.path("created").asLong()).isEqualTo(START.getEpochSecond());
        assertThat(answer.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Hello there.");
        assertThat(answer.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.path("usage").path("prompt_tokens").asLong()).isEqualTo(9);
        assertThat(answer.path("usage").path("completion_tokens").asLong()).isEqualTo(5);
        assertThat(answer.path("usage").path("total_tokens").asLong()).isEqualTo(14);
        assertThat(chat.usage()).isEqualTo(new Usage(9, 5, 0, 2, 0));
        assertThat(chat.text()).isEqualTo("Hello there.");
    }

    @Test
    void givenAGeminiStream_whenReading_thenStreamGenerateContentIsCalledAndChunksEndWithUsage() throws Exception {
        // given
        vertexScript = r -> Answer.sseEvents(fixture("gemini-stream.sse"));

        // when
        List<StreamChunk> chunks;
        try (UpstreamChatResponse response = upstream.send(request(GEMINI, true))) {
            assertThat(response.streaming()).isTrue();
            chunks = drain(response);
        }

        // then
        ScriptedHttpServer.Received sent = vertex.received().getFirst();
        assertThat(sent.path()).isEqualTo(GEMINI_BASE + ":streamGenerateContent?alt=sse");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer ya29.fake-token-1");
        assertThat(sent.headers().get("accept")).isEqualTo("text/event-stream");
        assertThat(chunks).hasSize(3);
        assertThat(chunks).extracting(StreamChunk::text).containsExactly("Hel", "lo.", "");
        JsonNode first = json(chunks.get(0).data());
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("model").asText()).isEqualTo("my-model");
        assertThat(first.path("choices").get(0).path("delta").path("role").asText())
                .isEqualTo("assistant");
        assertThat(json(chunks.get(1).data())
                        .path("choices")
                        .get(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("stop");
        StreamChunk last = chunks.get(2);
        assertThat(last.usageOnly()).isTrue();
        assertThat(last.usage()).isEqualTo(new Usage(9, 2));
        assertThat(json(last.data()).path("usage").path("total_tokens").asLong())
                .isEqualTo(11);
    }

    @Test
    void givenAClaudeModel_whenSending_thenRawPredictIsCalledWithAVertexMessagesBodyAndTheAnswerConverted()
            throws Exception {
        // given
        vertexScript = r -> Answer.json(200, fixture("claude-answer.json"));

        // when
        CompletedChat chat;
        try (UpstreamChatResponse response = upstream.send(request(CLAUDE, false))) {
            assertThat(response.status()).isEqualTo(200);
            chat = response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = vertex.received().getFirst();
        assertThat(sent.path()).isEqualTo(CLAUDE_BASE + ":rawPredict");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer ya29.fake-token-1");
        assertThat(sent.headers()).doesNotContainKeys("x-api-key", "anthropic-version");
        JsonNode body = json(sent.body());
        assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(body.has("model")).isFalse();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.path("max_tokens").asLong()).isEqualTo(64);
        assertThat(body.path("messages")
                        .get(0)
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText())
                .isEqualTo("Say hello.");

        JsonNode answer = json(chat.body());
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.path("model").asText()).isEqualTo("my-model");
        assertThat(answer.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Hello there.");
        assertThat(answer.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.path("usage").path("prompt_tokens").asLong()).isEqualTo(16);
        assertThat(chat.usage()).isEqualTo(new Usage(16, 5, 4, 0, 0));
        assertThat(chat.text()).isEqualTo("Hello there.");
    }

    @Test
    void givenAClaudeStream_whenReading_thenStreamRawPredictIsCalledAndChunksAreConverted() throws Exception {
        // given
        vertexScript = r -> Answer.sseEvents(fixture("claude-stream.sse"));

        // when
        List<StreamChunk> chunks;
        try (UpstreamChatResponse response = upstream.send(request(CLAUDE, true))) {
            assertThat(response.streaming()).isTrue();
            chunks = drain(response);
        }

        // then
        ScriptedHttpServer.Received sent = vertex.received().getFirst();
        assertThat(sent.path()).isEqualTo(CLAUDE_BASE + ":streamRawPredict");
        JsonNode body = json(sent.body());
        assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.has("model")).isFalse();
        assertThat(chunks).extracting(StreamChunk::text).containsExactly("", "Hel", "lo.", "", "");
        assertThat(json(chunks.get(1).data())
                        .path("choices")
                        .get(0)
                        .path("delta")
                        .path("content")
                        .asText())
                .isEqualTo("Hel");
        assertThat(json(chunks.get(1).data()).path("model").asText()).isEqualTo("my-model");
        assertThat(json(chunks.get(3).data())
                        .path("choices")
                        .get(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("stop");
        StreamChunk last = chunks.get(4);
        assertThat(last.usageOnly()).isTrue();
        assertThat(last.usage()).isEqualTo(new Usage(12, 3));
    }

    @Test
    void givenTwoCalls_whenSending_thenOneTokenIsFetchedAndReused_andRefreshedOnceItExpires() throws Exception {
        // given
        vertexScript = r -> Answer.json(200, fixture("gemini-answer.json"));

        // when
        for (int i = 0; i < 2; i++) {
            try (UpstreamChatResponse response = upstream.send(request(GEMINI, false))) {
                response.completed();
            }
        }
        clock.advance(Duration.ofSeconds(3600));
        try (UpstreamChatResponse response = upstream.send(request(GEMINI, false))) {
            response.completed();
        }

        // then
        assertThat(tokenServer.received()).hasSize(2);
        assertThat(vertex.received())
                .extracting(r -> r.headers().get("authorization"))
                .containsExactly("Bearer ya29.fake-token-1", "Bearer ya29.fake-token-1", "Bearer ya29.fake-token-2");
        ServiceAccountFixture.Jwt jwt = ServiceAccountFixture.verify(
                ServiceAccountFixture.form(tokenServer.received().getFirst().bodyText())
                        .get("assertion"));
        assertThat(jwt.claims().path("aud").asText()).isEqualTo(tokenServer.baseUrl() + "/token");
        assertThat(jwt.claims().path("iss").asText()).isEqualTo(ServiceAccountFixture.CLIENT_EMAIL);
    }

    @Test
    void givenAProjectOption_whenSending_thenItReplacesTheKeysProject() throws Exception {
        // given
        vertexScript = r -> Answer.json(200, fixture("gemini-answer.json"));
        Map<String, String> options = new HashMap<>(Map.of("location", "europe-west4", "project", "other-proj"));

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(RelayEndpoint.CHAT_COMPLETIONS, GEMINI, false, options))) {
            response.completed();
        }

        // then
        assertThat(vertex.received().getFirst().path())
                .isEqualTo("/v1/projects/other-proj/locations/europe-west4/publishers/google/models/gemini-2.5-flash"
                        + ":generateContent");
    }

    @Test
    void givenABlankBaseUrl_whenBuildingTheUri_thenTheLocationsHostIsUsed() {
        assertThat(VertexChatUpstream.uri(
                        "", "p", "us-central1", VertexChatUpstream.Family.GEMINI, GEMINI, "generateContent"))
                .isEqualTo(URI.create("https://us-central1-aiplatform.googleapis.com/v1/projects/p"
                        + "/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent"));
        assertThat(VertexChatUpstream.uri(null, "p", "global", VertexChatUpstream.Family.CLAUDE, CLAUDE, "rawPredict"))
                .isEqualTo(URI.create("https://aiplatform.googleapis.com/v1/projects/p"
                        + "/locations/global/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict"));
        assertThat(VertexChatUpstream.uri(
                        "http://127.0.0.1:9/v1/",
                        "p",
                        "global",
                        VertexChatUpstream.Family.GEMINI,
                        "a b/c",
                        "generateContent"))
                .isEqualTo(URI.create("http://127.0.0.1:9/v1/projects/p"
                        + "/locations/global/publishers/google/models/a%20b%2Fc:generateContent"));
    }

    @Test
    void givenNoLocationOption_whenSending_thenBrokenNamingTheOptionAndNothingIsSent() {
        assertThatThrownBy(() ->
                        upstream.send(request(RelayEndpoint.CHAT_COMPLETIONS, GEMINI, false, Map.of("project", "p"))))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).contains("location");
                });
        assertThat(tokenServer.received()).isEmpty();
        assertThat(vertex.received()).isEmpty();
    }

    @Test
    void givenAnotherEndpoint_whenSending_thenBroken() {
        assertThatThrownBy(() -> upstream.send(
                        request(RelayEndpoint.EMBEDDINGS, GEMINI, false, Map.of("location", "us-central1"))))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
                    assertThat(e.getMessage()).isEqualTo("the vertex channel type serves chat completions only");
                });
        assertThat(tokenServer.received()).isEmpty();
    }

    @Test
    void givenATokenEndpointThatRefuses_whenSending_thenBrokenWithoutSecretsAndNoModelCall() throws Exception {
        // given
        tokenServer.close();
        tokenServer = ScriptedHttpServer.answering(r -> Answer.json(400, "{\"error\":\"invalid_grant\"}"));
        UpstreamChatRequest request = request(CLAUDE, false);

        // when / then
        assertThatThrownBy(() -> upstream.send(request)).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN);
            assertThat(e.getMessage()).isEqualTo("the vertex service account could not be authorized (HTTP 400)");
            String assertion = ServiceAccountFixture.form(
                            tokenServer.received().getFirst().bodyText())
                    .get("assertion");
            assertThat(e.getMessage())
                    .doesNotContain(assertion)
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain(ServiceAccountFixture.CLIENT_EMAIL);
            assertThat(e.toString()).doesNotContain("PRIVATE KEY");
        });
        assertThat(vertex.received()).isEmpty();
    }
}
