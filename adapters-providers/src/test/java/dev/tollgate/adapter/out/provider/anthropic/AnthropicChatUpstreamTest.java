package dev.tollgate.adapter.out.provider.anthropic;

import static dev.tollgate.adapter.out.provider.ScriptedHttpServer.json;
import static dev.tollgate.adapter.out.provider.ScriptedHttpServer.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A regression in a time-out must fail a test, never hang the build. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicChatUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-ant-upstream-secret-key-4711";
    private static final long NOW = 1_750_000_000L;
    private static final String SIMPLE =
            "{\"model\":\"claude-fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final AnthropicChatUpstream upstream = new AnthropicChatUpstream(
            new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(300), 65_536),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    private ScriptedHttpServer server;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static byte[] fixture(String name) {
        try (InputStream in = AnthropicChatUpstreamTest.class.getResourceAsStream("/anthropic/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UpstreamChatRequest request(
            String baseUrl, byte[] body, boolean stream, Long maxTokens, Map<String, String> options) {
        return new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget("ch-a", "anthropic", baseUrl, KEY, options),
                body,
                "claude-fast",
                "claude-sonnet-4-5-20250929",
                stream,
                stream,
                maxTokens,
                Duration.ofSeconds(2));
    }

    private static UpstreamChatRequest request(String baseUrl, byte[] body, boolean stream) {
        return request(baseUrl, body, stream, null, null);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givenAnOpenAiChatRequest_whenSending_thenTheExactMessagesRequestIsPostedWithTheKeyAndVersion()
            throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, fixture("messages-response.json")));

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), fixture("chat-request.json"), false))) {
            response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers().get("x-api-key")).isEqualTo(KEY);
        assertThat(sent.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.headers()).doesNotContainKeys("anthropic-beta", "authorization");
        assertThat(sent.headers().get("content-type")).isEqualTo("application/json");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree(fixture("messages-request.json")));
    }

    @Test
    void givenChannelOptionsAndAV1BaseUrl_whenSending_thenVersionBetaHeadersAndPathFollowThem() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, fixture("messages-response.json")));
        Map<String, String> options = Map.of(
                "anthropicVersion",
                "2024-01-01",
                "anthropicBeta",
                "prompt-caching-2024-07-31",
                "header.X-Proxy-Route",
                "eu");

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl() + "/v1/", utf8(SIMPLE), false, 777L, options))) {
            response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers().get("anthropic-version")).isEqualTo("2024-01-01");
        assertThat(sent.headers().get("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
        assertThat(sent.headers().get("x-proxy-route")).isEqualTo("eu");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("max_tokens").asLong()).isEqualTo(777);
        assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void givenBaseUrls_whenBuildingTheMessagesUri_thenV1IsAddedOnce() {
        assertThat(AnthropicChatUpstream.messagesUri("https://api.anthropic.com")
                        .toString())
                .isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(AnthropicChatUpstream.messagesUri("https://api.anthropic.com/")
                        .toString())
                .isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(AnthropicChatUpstream.messagesUri("https://proxy.example/anthropic/v1")
                        .toString())
                .isEqualTo("https://proxy.example/anthropic/v1/messages");
    }

    @Test
    void givenAMessageWithThinkingTextToolUseAndCacheUsage_whenCompleted_thenItIsAChatCompletion() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, fixture("messages-response.json")));

        // when
        try (UpstreamChatResponse response = upstream.send(request(server.baseUrl(), utf8(SIMPLE), false))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.streaming()).isFalse();
            CompletedChat chat = response.completed();

            // then
            assertThat(JSON.readTree(chat.body())).isEqualTo(JSON.readTree(fixture("chat-completion.json")));
            assertThat(chat.usage()).isEqualTo(new Usage(1250, 80, 1000, 0, 0, 200));
            assertThat(chat.text())
                    .isEqualTo("Let me check the weather.The user wants the weather in Paris."
                            + "{\"city\":\"Paris\",\"unit\":\"celsius\"}");
            assertThat(chat.contentType()).isEqualTo("application/json");
        }
    }

    @Test
    void givenAStreamWithThinkingTextAndTwoToolCalls_whenReading_thenChunksReassembleExactlyPerIndex()
            throws Exception {
        // given: the stream arrives in small pieces that split lines and events
        server = new ScriptedHttpServer((r, out) -> sse(out, fixture("stream-text-tools.sse"), 37));

        // when
        List<StreamChunk> chunks = new ArrayList<>();
        try (UpstreamChatResponse response = upstream.send(request(server.baseUrl(), utf8(SIMPLE), true))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.streaming()).isTrue();
            StreamChunk chunk;
            while ((chunk = response.nextChunk()) != null) {
                chunks.add(chunk);
            }
            assertThat(response.nextChunk()).isNull();
        }

        // then
        assertThat(JSON.readTree(server.received().getFirst().body())
                        .get("stream")
                        .asBoolean())
                .isTrue();
        List<JsonNode> json = new ArrayList<>();
        for (StreamChunk c : chunks) {
            JsonNode node = JSON.readTree(c.data());
            json.add(node);
            assertThat(node.get("id").asText()).isEqualTo("msg_014p7gG3wDgGV9EUtLvnow3U");
            assertThat(node.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(node.get("created").asLong()).isEqualTo(NOW);
            assertThat(node.get("model").asText()).isEqualTo("claude-fast");
        }
        assertThat(json.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");

        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        StringBuilder counted = new StringBuilder();
        Map<Integer, String> ids = new TreeMap<>();
        Map<Integer, String> names = new TreeMap<>();
        Map<Integer, StringBuilder> arguments = new TreeMap<>();
        List<String> finishReasons = new ArrayList<>();
        for (int i = 0; i < chunks.size() - 1; i++) {
            JsonNode choice = json.get(i).at("/choices/0");
            assertThat(chunks.get(i).usageOnly()).isFalse();
            assertThat(chunks.get(i).usage()).isNull();
            counted.append(chunks.get(i).text());
            JsonNode delta = choice.get("delta");
            if (delta.path("content").isTextual()) {
                content.append(delta.get("content").asText());
            }
            if (delta.path("reasoning_content").isTextual()) {
                reasoning.append(delta.get("reasoning_content").asText());
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.get("index").asInt();
                if (call.has("id")) {
                    assertThat(ids).doesNotContainKey(index);
                    ids.put(index, call.get("id").asText());
                    names.put(index, call.at("/function/name").asText());
                    assertThat(call.get("type").asText()).isEqualTo("function");
                }
                arguments
                        .computeIfAbsent(index, k -> new StringBuilder())
                        .append(call.at("/function/arguments").asText());
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReasons.add(choice.get("finish_reason").asText());
            }
        }
        assertThat(content).hasToString("Okay, let me check both.");
        assertThat(reasoning).hasToString("Two lookups are needed.");
        assertThat(ids).isEqualTo(Map.of(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", 1, "toolu_02Ab5HxQ9pLm3rTz8VwKc4Ye"));
        assertThat(names).isEqualTo(Map.of(0, "get_weather", 1, "get_time"));
        assertThat(arguments.get(0)).hasToString("{\"city\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}");
        assertThat(arguments.get(1)).hasToString("{\"tz\": \"America/Los_Angeles\"}");
        assertThat(finishReasons).containsExactly("tool_calls");
        assertThat(counted)
                .hasToString(
                        "Two lookups are needed.Okay, let me check both."
                                + "{\"city\": \"San{\"tz\": Francisco, CA\", \"unit\": \"fahrenheit\"} \"America/Los_Angeles\"}");

        StreamChunk last = chunks.getLast();
        assertThat(last.usageOnly()).isTrue();
        assertThat(last.usage()).isEqualTo(new Usage(600, 89, 128, 0, 0));
        assertThat(json.getLast().get("choices")).isEmpty();
        assertThat(json.getLast().get("usage"))
                .isEqualTo(JSON.readTree("{\"prompt_tokens\":600,\"completion_tokens\":89,\"total_tokens\":689,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":128}}"));
    }

    @Test
    void givenAnErrorEventMidStream_whenReading_thenTheChunksBeforeItArriveAndThenItThrows() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> sse(out, fixture("stream-error.sse"), 4096));

        // when
        try (UpstreamChatResponse response = upstream.send(request(server.baseUrl(), utf8(SIMPLE), true))) {
            assertThat(JSON.readTree(response.nextChunk().data())
                            .at("/choices/0/delta/role")
                            .asText())
                    .isEqualTo("assistant");
            assertThat(response.nextChunk().text()).isEqualTo("Hello");

            // then
            assertThatThrownBy(response::nextChunk)
                    .isInstanceOfSatisfying(
                            UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN))
                    .hasMessageContaining("overloaded_error")
                    .hasMessageNotContaining(KEY);
        }
    }

    @Test
    void givenAStreamThatEndsBeforeMessageStop_whenReading_thenItIsBroken() throws Exception {
        // given
        String cut = new String(fixture("stream-error.sse"), StandardCharsets.UTF_8);
        cut = cut.substring(0, cut.indexOf("event: error"));
        byte[] body = utf8(cut);
        server = new ScriptedHttpServer((r, out) -> sse(out, body, 4096));

        // when
        try (UpstreamChatResponse response = upstream.send(request(server.baseUrl(), utf8(SIMPLE), true))) {
            response.nextChunk();
            response.nextChunk();

            // then
            assertThatThrownBy(response::nextChunk)
                    .isInstanceOfSatisfying(
                            UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN))
                    .hasMessageContaining("message_stop");
        }
    }

    @Test
    void givenAnotherEndpoint_whenSending_thenItIsRefusedWithoutARequest() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, utf8("{}")));
        UpstreamChatRequest embeddings = new UpstreamChatRequest(
                RelayEndpoint.EMBEDDINGS,
                "req-1",
                new UpstreamTarget("ch-a", "anthropic", server.baseUrl(), KEY, null),
                utf8("{\"model\":\"x\",\"input\":\"hi\"}"),
                "x",
                "x",
                false,
                false,
                null,
                Duration.ofSeconds(2));

        // when / then
        assertThatThrownBy(() -> upstream.send(embeddings))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REFUSED))
                .hasMessage("the anthropic channel type serves chat completions only");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void givenABodyThatCannotBeConverted_whenSending_thenItIsRefusedWithoutARequest() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, utf8("{}")));
        byte[] body = utf8("{\"model\":\"claude-fast\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"image_url\",\"image_url\":{\"url\":\"ftp://example.com/x.png\"}}]}]}");

        // when / then
        assertThatThrownBy(() -> upstream.send(request(server.baseUrl(), body, false)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REFUSED))
                .hasMessageNotContaining(KEY);
        assertThat(server.received()).isEmpty();
    }
}
