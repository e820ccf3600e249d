package dev.tollgate.adapter.out.provider.openai;

import static dev.tollgate.adapter.out.provider.ScriptedHttpServer.json;
import static dev.tollgate.adapter.out.provider.ScriptedHttpServer.writeHead;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A regression in a time-out must fail a test, never hang the build. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenAiChatUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-upstream-secret-key-907531";
    private static final String BODY =
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                    + "\"x_future_field\":{\"kept\":true},\"temperature\":0.5}";

    private final OpenAiChatUpstream upstream =
            new OpenAiChatUpstream(new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(300), 65_536));
    private final CountDownLatch release = new CountDownLatch(1);
    private ScriptedHttpServer server;

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private static UpstreamChatRequest request(
            String baseUrl, String body, String upstreamModel, boolean stream, boolean forceUsage, Long maxTokens) {
        return new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget("ch-1", "openai", baseUrl, KEY, null),
                body.getBytes(StandardCharsets.UTF_8),
                "gpt-4o-mini",
                upstreamModel,
                stream,
                forceUsage,
                maxTokens,
                Duration.ofSeconds(2));
    }

    private static final String COMPLETION = """
            {"id":"c1","object":"chat.completion","model":"%s","choices":[{"index":0,"message":{"role":"assistant",\
            "content":"Hello there","reasoning_content":"abc"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}""";

    @Test
    void givenNothingToChange_whenSending_thenTheBodyIsForwardedByteForByteWithTheChannelKey() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION.formatted("gpt-4o-mini")));

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", false, false, null))) {
            CompletedChat chat = response.completed();

            // then
            assertThat(response.status()).isEqualTo(200);
            assertThat(chat.usage().promptTokens()).isEqualTo(12);
            assertThat(chat.usage().completionTokens()).isEqualTo(8);
            // the usage is what the relay charges; the text is read from the answer only when asked for
            assertThat(chat.text()).isEqualTo("Hello thereabc");
            assertThat(new String(chat.body(), StandardCharsets.UTF_8)).isEqualTo(COMPLETION.formatted("gpt-4o-mini"));
        }
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void givenABaseUrlEndingInV1_whenSending_thenV1IsNotRepeated() {
        assertThat(OpenAiChatUpstream.chatUri("http://localhost:11434/v1/").toString())
                .isEqualTo("http://localhost:11434/v1/chat/completions");
        assertThat(OpenAiChatUpstream.chatUri("https://api.deepseek.com").toString())
                .isEqualTo("https://api.deepseek.com/v1/chat/completions");
        assertThat(OpenAiChatUpstream.chatUri("https://ark.cn-beijing.volces.com/api/v3")
                        .toString())
                .isEqualTo("https://ark.cn-beijing.volces.com/api/v3/chat/completions");
        assertThat(OpenAiChatUpstream.chatUri("https://open.bigmodel.cn/api/paas/v4")
                        .toString())
                .isEqualTo("https://open.bigmodel.cn/api/paas/v4/chat/completions");
        assertThat(OpenAiChatUpstream.chatUri("https://api.groq.com/openai").toString())
                .isEqualTo("https://api.groq.com/openai/v1/chat/completions");
    }

    @Test
    void givenEmbeddingsAndCompletions_whenBuildingUrls_thenTheEndpointPathFollowsTheBase() {
        assertThat(OpenAiChatUpstream.endpointUri("https://api.openai.com", "embeddings")
                        .toString())
                .isEqualTo("https://api.openai.com/v1/embeddings");
        assertThat(OpenAiChatUpstream.endpointUri("http://localhost:11434/v1", "completions")
                        .toString())
                .isEqualTo("http://localhost:11434/v1/completions");
        assertThat(OpenAiChatUpstream.azureUri("https://r.openai.azure.com", "emb", "embeddings", "2024-10-21")
                        .toString())
                .isEqualTo("https://r.openai.azure.com/openai/deployments/emb/embeddings?api-version=2024-10-21");
    }

    @Test
    void givenAnAzureChannel_whenSending_thenTheDeploymentUrlApiVersionAndApiKeyHeaderAreUsed() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION.formatted("gpt-4o-mini")));
        UpstreamChatRequest azure = new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget("ch-1", "azure", server.baseUrl(), KEY, Map.of("apiVersion", "2024-06-01")),
                BODY.getBytes(StandardCharsets.UTF_8),
                "gpt-4o-mini",
                "my-4o-deployment",
                false,
                false,
                null,
                Duration.ofSeconds(2));

        // when
        try (UpstreamChatResponse response = upstream.send(azure)) {
            response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path())
                .isEqualTo("/openai/deployments/my-4o-deployment/chat/completions?api-version=2024-06-01");
        assertThat(sent.headers().get("api-key")).isEqualTo(KEY);
        assertThat(sent.headers()).doesNotContainKey("authorization");
        assertThat(OpenAiChatUpstream.azureChatUri("https://res.openai.azure.com/", "d", "v")
                        .toString())
                .isEqualTo("https://res.openai.azure.com/openai/deployments/d/chat/completions?api-version=v");
    }

    @Test
    void givenAnOpenRouterChannel_whenSending_thenItsAttributionHeaderIsSent() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION.formatted("gpt-4o-mini")));
        UpstreamChatRequest openRouter = new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget("ch-1", "openrouter", server.baseUrl() + "/api", KEY, null),
                BODY.getBytes(StandardCharsets.UTF_8),
                "gpt-4o-mini",
                "gpt-4o-mini",
                false,
                false,
                null,
                Duration.ofSeconds(2));

        // when
        try (UpstreamChatResponse response = upstream.send(openRouter)) {
            response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/api/v1/chat/completions");
        assertThat(sent.headers().get("x-title")).isEqualTo("Tollgate");
    }

    @Test
    void givenATracedAttempt_whenSending_thenItsTraceparentGoesUpstreamAndAnUntracedOneSendsNone() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION.formatted("gpt-4o-mini")));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UpstreamChatRequest traced = new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget("ch-1", "openai", server.baseUrl(), KEY, null),
                BODY.getBytes(StandardCharsets.UTF_8),
                "gpt-4o-mini",
                "gpt-4o-mini",
                false,
                false,
                null,
                Duration.ofSeconds(2),
                "application/json",
                null,
                traceparent);

        // when
        try (UpstreamChatResponse response = upstream.send(traced)) {
            response.completed();
        }
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", false, false, null))) {
            response.completed();
        }

        // then
        assertThat(server.received()).hasSize(2);
        assertThat(server.received().get(0).headers().get("traceparent")).isEqualTo(traceparent);
        assertThat(server.received().get(1).headers()).doesNotContainKey("traceparent");
    }

    @Test
    void givenAMappedModelAndACap_whenSending_thenOnlyThoseFieldsChangeAndTheAnswerShowsTheClientsModel()
            throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION.formatted("upstream-name")));

        // when
        String answer;
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "upstream-name", false, false, 100L))) {
            answer = new String(response.completed().body(), StandardCharsets.UTF_8);
        }

        // then
        JsonNode sent = JSON.readTree(server.received().getFirst().body());
        assertThat(sent.get("model").asText()).isEqualTo("upstream-name");
        assertThat(sent.get("max_tokens").asLong()).isEqualTo(100);
        assertThat(sent.get("x_future_field").get("kept").asBoolean()).isTrue();
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(JSON.readTree(answer).get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void givenTheClientUsedMaxCompletionTokens_whenCapping_thenThatFieldIsCapped() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION.formatted("gpt-4o-mini")));
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[],\"max_completion_tokens\":5000}";

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), body, "gpt-4o-mini", false, false, 64L))) {
            response.completed();
        }

        // then
        JsonNode sent = JSON.readTree(server.received().getFirst().body());
        assertThat(sent.get("max_completion_tokens").asLong()).isEqualTo(64);
        assertThat(sent.has("max_tokens")).isFalse();
    }

    private static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"%s\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}],\"usage\":null}";
    private static final String USAGE_CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"%s\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8}}";

    @Test
    void givenAStream_whenReading_thenEventsArriveOneByOneAndTheUsageChunkIsMarked() throws Exception {
        // given: CRLF line endings, a comment line, an event: field and the usage chunk
        server = new ScriptedHttpServer((r, out) -> {
            writeHead(out, 200, "text/event-stream", null);
            out.write((": keep-alive\r\n\r\nevent: message\r\ndata: " + CHUNK.formatted("upstream-name", "Hel")
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(("data: " + CHUNK.formatted("upstream-name", "lo") + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(("data: " + USAGE_CHUNK.formatted("upstream-name") + "\n\ndata: [DONE]\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        });
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[],\"stream\":true,\"stream_options\":{\"x\":1}}";

        // when
        List<StreamChunk> chunks = new ArrayList<>();
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), body, "upstream-name", true, true, null))) {
            assertThat(response.streaming()).isTrue();
            StreamChunk c;
            while ((c = response.nextChunk()) != null) {
                chunks.add(c);
            }
        }

        // then: the leading comment comes first, on its own
        assertThat(chunks.getFirst().comment()).isTrue();
        assertThat(new String(chunks.removeFirst().data(), StandardCharsets.UTF_8))
                .isEqualTo(" keep-alive");
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0).text()).isEqualTo("Hel");
        assertThat(chunks.get(0).usageOnly()).isFalse();
        assertThat(chunks.get(0).usage()).isNull();
        assertThat(JSON.readTree(chunks.get(0).data()).get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(chunks.get(2).usageOnly()).isTrue();
        assertThat(chunks.get(2).usage().completionTokens()).isEqualTo(8);
        JsonNode sent = JSON.readTree(server.received().getFirst().body());
        assertThat(sent.get("stream_options").get("include_usage").asBoolean()).isTrue();
        assertThat(sent.get("stream_options").get("x").asInt()).isEqualTo(1);
    }

    @Test
    void givenKeepAliveCommentsDuringALongPause_whenReading_thenTheIdleTimeoutDoesNotFire() throws Exception {
        // given: 900 ms before the next event (three idle time-outs), a keep-alive comment every 100 ms
        server = new ScriptedHttpServer((r, out) -> {
            writeHead(out, 200, "text/event-stream", null);
            for (int i = 0; i < 9; i++) {
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(100, TimeUnit.MILLISECONDS);
            }
            out.write(("data: " + CHUNK.formatted("gpt-4o-mini", "late") + "\n\ndata: [DONE]\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        });

        // when
        StreamChunk chunk;
        StreamChunk end;
        int comments = 0;
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", true, false, null))) {
            chunk = response.nextChunk();
            while (chunk.comment()) {
                assertThat(new String(chunk.data(), StandardCharsets.UTF_8)).isEqualTo(" keep-alive");
                comments++;
                chunk = response.nextChunk();
            }
            end = response.nextChunk();
        }

        // then: every keep-alive is handed on (the relay passes them to the client), and the event arrives
        assertThat(comments).isEqualTo(9);
        assertThat(chunk.text()).isEqualTo("late");
        assertThat(end).isNull();
    }

    @Test
    void givenABaseUrlEndingInV1_whenSending_thenTheBodyIsForwardedByteForByteToChatCompletionsUnderIt()
            throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, COMPLETION.formatted("gpt-4o-mini")));

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl() + "/v1/", BODY, "gpt-4o-mini", false, false, null))) {
            response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.body()).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.headers().get("accept")).isEqualTo("application/json");
        assertThat(sent.headers().get("content-type")).isEqualTo("application/json");
    }

    @Test
    void givenAnAnswerWithoutUsageAndWithToolCalls_whenReading_thenUsageIsNullAndArgumentsCountAsText()
            throws Exception {
        // given
        String answer = "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{"
                + "\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"t1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}}]}";
        server = new ScriptedHttpServer((r, out) -> json(out, 200, answer));

        // when
        CompletedChat chat;
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", false, false, null))) {
            chat = response.completed();
        }

        // then
        assertThat(chat.usage()).isNull();
        assertThat(chat.text()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(chat.body()).isEqualTo(answer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenNegativeUsage_whenReading_thenItIsReportedAsZero() throws Exception {
        // given
        String answer = "{\"model\":\"gpt-4o-mini\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":-3,\"completion_tokens\":-1}}";
        server = new ScriptedHttpServer((r, out) -> json(out, 200, answer));

        // when
        CompletedChat chat;
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", false, false, null))) {
            chat = response.completed();
        }

        // then
        assertThat(chat.usage().promptTokens()).isZero();
        assertThat(chat.usage().completionTokens()).isZero();
    }

    @Test
    void givenAnUnmappedStreamWithMultiLineData_whenReading_thenLinesAreJoinedAndDataIsReturnedAsSent()
            throws Exception {
        // given: one event split over two data: lines, one with reasoning and tool-call arguments
        String reasoning = "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{"
                + "\"reasoning_content\":\"think\",\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                + "\"{\\\"a\\\":1}\"}}]}}]}";
        server = new ScriptedHttpServer((r, out) -> {
            writeHead(out, 200, "text/event-stream; charset=utf-8", null);
            out.write(("id: 1\ndata: {\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\ndata: \"choices\":[{\"index\":0,"
                            + "\"delta\":{\"content\":\"Hi\"}}]}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(("data: " + reasoning + "\n\n").getBytes(StandardCharsets.UTF_8));
        });

        // when
        List<StreamChunk> chunks = new ArrayList<>();
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", true, false, null))) {
            StreamChunk c;
            while ((c = response.nextChunk()) != null) {
                chunks.add(c);
            }
        }

        // then: a clean end of body after the events ends the stream
        assertThat(chunks).hasSize(2);
        assertThat(new String(chunks.get(0).data(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"id\":\"c1\",\"model\":\"gpt-4o-mini\",\n\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}");
        assertThat(chunks.get(0).text()).isEqualTo("Hi");
        assertThat(chunks.get(0).usage()).isNull();
        assertThat(chunks.get(1).data()).isEqualTo(reasoning.getBytes(StandardCharsets.UTF_8));
        assertThat(chunks.get(1).text()).isEqualTo("think{\"a\":1}");
        assertThat(server.received().getFirst().headers().get("accept")).isEqualTo("text/event-stream");
    }

    @Test
    void givenAStreamRequestAnsweredWithJson_whenChecking_thenItIsNotAStream() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, "{\"error\":{\"message\":\"overloaded\"}}"));

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", true, false, null))) {
            // then
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.streaming()).isFalse();
        }
    }

    @Test
    void givenAnOpenStream_whenClosedTwice_thenReadingFailsAndTheSecondCloseIsHarmless() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> {
            writeHead(out, 200, "text/event-stream", null);
            out.write(("data: " + CHUNK.formatted("gpt-4o-mini", "Hel") + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.await();
        });
        UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", true, false, null));
        assertThat(response.nextChunk()).isNotNull();

        // when
        response.close();
        response.close();

        // then
        assertThatThrownBy(response::nextChunk)
                .isInstanceOf(UpstreamException.class)
                .extracting(e -> ((UpstreamException) e).kind())
                .isEqualTo(UpstreamException.Kind.BROKEN);
    }

    @Test
    void givenAnAnswerThatIsNotJson_whenReading_thenItIsReportedBroken() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, "<html>gateway</html>"));

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), BODY, "gpt-4o-mini", false, false, null))) {
            // then
            assertThatThrownBy(response::completed)
                    .isInstanceOf(UpstreamException.class)
                    .satisfies(e -> assertThat(((UpstreamException) e).kind()).isEqualTo(UpstreamException.Kind.BROKEN))
                    .hasMessageNotContaining(KEY);
        }
    }

    @Test
    void givenAnSseLineLongerThan64KiB_whenReading_thenTheWholeEventArrivesIntact() throws Exception {
        // given: one content delta of 200,000 characters, split across many TCP writes
        String big = "x".repeat(200_000);
        server = new ScriptedHttpServer((r, out) -> {
            writeHead(out, 200, "text/event-stream", null);
            byte[] event = ("data: " + CHUNK.formatted("gpt-4o-mini", big) + "\n\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < event.length; i += 1000) {
                out.write(event, i, Math.min(1000, event.length - i));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        });
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[],\"stream\":true}";

        // when
        try (UpstreamChatResponse response =
                upstream.send(request(server.baseUrl(), body, "gpt-4o-mini", true, false, null))) {
            StreamChunk chunk = response.nextChunk();

            // then
            assertThat(chunk.text()).isEqualTo(big);
            assertThat(JSON.readTree(chunk.data())
                            .path("choices")
                            .get(0)
                            .path("delta")
                            .path("content")
                            .asText())
                    .hasSize(200_000);
            assertThat(response.nextChunk()).isNull();
        }
    }

    @Test
    void givenAResponsesStream_whenReading_thenEveryEventKeepsItsNameAndTheCompletedEventCarriesTheUsage()
            throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> {
            writeHead(out, 200, "text/event-stream", null);
            out.write(("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                            + "\"delta\":\"Hi\"}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\","
                            + "\"response\":{\"model\":\"upstream-name\",\"usage\":{\"input_tokens\":5,"
                            + "\"input_tokens_details\":{\"cached_tokens\":2},\"output_tokens\":7,"
                            + "\"output_tokens_details\":{\"reasoning_tokens\":3}}}}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        });
        UpstreamChatRequest request = new UpstreamChatRequest(
                RelayEndpoint.RESPONSES,
                "req-1",
                new UpstreamTarget("ch-1", "openai", server.baseUrl(), KEY, null),
                "{\"model\":\"gpt-4o-mini\",\"input\":\"hi\",\"stream\":true}".getBytes(StandardCharsets.UTF_8),
                "gpt-4o-mini",
                "upstream-name",
                true,
                false,
                50L,
                Duration.ofSeconds(2));

        // when
        try (UpstreamChatResponse response = upstream.send(request)) {
            StreamChunk delta = response.nextChunk();
            StreamChunk completed = response.nextChunk();

            // then
            assertThat(delta.event()).isEqualTo("response.output_text.delta");
            assertThat(delta.text()).isEqualTo("Hi");
            assertThat(completed.event()).isEqualTo("response.completed");
            assertThat(completed.usage()).isEqualTo(new Usage(5, 7, 2, 3, 0));
            assertThat(JSON.readTree(completed.data())
                            .path("response")
                            .path("model")
                            .asText())
                    .isEqualTo("gpt-4o-mini");
            assertThat(response.nextChunk()).isNull();
        }
        JsonNode sent = JSON.readTree(server.received().getFirst().body());
        assertThat(sent.get("max_output_tokens").asLong()).isEqualTo(50);
        assertThat(sent.has("max_tokens")).isFalse();
        assertThat(sent.has("stream_options")).isFalse();
    }

    @Test
    void givenChannelHeadersAndATotalTimeout_whenTheAnswerTakesLonger_thenHeadersAreSentAndTheAnswerIsCutOff()
            throws Exception {
        // given: the head arrives at once, the body never ends
        server = new ScriptedHttpServer((r, out) -> {
            writeHead(out, 200, "text/event-stream", null);
            for (int i = 0; i < 40; i++) {
                out.write((": ping\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
        });
        UpstreamChatRequest request = new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                new UpstreamTarget(
                        "ch-1",
                        "openai",
                        server.baseUrl(),
                        KEY,
                        Map.of("totalTimeout", "PT1S", "header.X-Route", "blue")),
                "{\"model\":\"m\",\"messages\":[],\"stream\":true}".getBytes(StandardCharsets.UTF_8),
                "m",
                "m",
                true,
                false,
                null,
                Duration.ofSeconds(2));

        // when
        long started = System.nanoTime();
        try (UpstreamChatResponse response = upstream.send(request)) {
            // then: the keep-alives come through until the total time-out cuts the answer off
            assertThatThrownBy(() -> {
                        while (response.nextChunk() != null) {
                            // keep reading
                        }
                    })
                    .isInstanceOf(UpstreamException.class)
                    .satisfies(
                            e -> assertThat(((UpstreamException) e).kind()).isEqualTo(UpstreamException.Kind.TIMEOUT))
                    .hasMessageContaining("total time-out");
        }
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, 3_000L);
        assertThat(server.received().getFirst().headers()).containsEntry("x-route", "blue");
    }
}
