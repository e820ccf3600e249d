package dev.tollgate.adapter.out.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.InlineImage;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Answer;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GeminiChatUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AIza-upstream-secret-key-5521";
    private static final String MODEL = "gemini-2.5-flash";
    private static final String TEXT_ANSWER = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":1,"totalTokenCount":6}}""";

    private final List<String> fetched = new ArrayList<>();
    private Function<String, InlineImage> fetcher = url -> {
        fetched.add(url);
        return new InlineImage("image/jpeg", "/9j/4AAQ");
    };
    private final GeminiChatUpstream upstream = new GeminiChatUpstream(
            new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500), 65_536), url -> fetcher.apply(url));
    private ScriptedHttpServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private static String fixture(String name) {
        try (InputStream in = GeminiChatUpstreamTest.class.getResourceAsStream("/gemini/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode withoutCreated(byte[] body) {
        ObjectNode node = (ObjectNode) json(new String(body, StandardCharsets.UTF_8));
        assertThat(node.path("created").isNumber()).isTrue();
        node.remove("created");
        return node;
    }

    private static UpstreamChatRequest request(
            RelayEndpoint endpoint, String baseUrl, String body, boolean stream, Long maxTokens) {
        return new UpstreamChatRequest(
                endpoint,
                "req-1",
                new UpstreamTarget("ch-g", "gemini", baseUrl, KEY, null),
                body.getBytes(StandardCharsets.UTF_8),
                "my-gemini",
                MODEL,
                stream,
                false,
                maxTokens,
                Duration.ofSeconds(2));
    }

    private ScriptedHttpServer.Received sendChat(String fixtureName, Long maxTokens) throws Exception {
        server = ScriptedHttpServer.answering(r -> Answer.json(200, TEXT_ANSWER));
        try (UpstreamChatResponse response = upstream.send(
                request(RelayEndpoint.CHAT_COMPLETIONS, server.baseUrl(), fixture(fixtureName), false, maxTokens))) {
            assertThat(response.status()).isEqualTo(200);
            response.completed();
        }
        return server.received().getFirst();
    }

    @Test
    void givenSystemDeveloperUserAndAssistantMessages_whenSending_thenTheyBecomeSystemInstructionAndRoles()
            throws Exception {
        // when
        ScriptedHttpServer.Received sent = sendChat("roles.openai.json", null);

        // then
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.headers().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.headers()).doesNotContainKey("authorization");
        assertThat(sent.headers().get("content-type")).isEqualTo("application/json");
        assertThat(json(sent.bodyText())).isEqualTo(json(fixture("roles.gemini.json")));
    }

    @Test
    void givenADataUrlAndAnHttpImage_whenSending_thenBothAreSentInlineAndTheUrlIsFetched() throws Exception {
        // when
        ScriptedHttpServer.Received sent = sendChat("images.openai.json", null);

        // then
        assertThat(fetched).containsExactly("https://example.com/cat.jpg");
        assertThat(json(sent.bodyText())).isEqualTo(json(fixture("images.gemini.json")));
    }

    @Test
    void givenTheFetcherRefusesAnImage_whenSending_thenTheAttemptIsBrokenWithItsMessageAndNothingIsSent()
            throws Exception {
        // given
        server = ScriptedHttpServer.answering(r -> Answer.json(200, TEXT_ANSWER));
        fetcher = url -> {
            throw new IllegalArgumentException("image URLs on private addresses are not allowed");
        };

        // when / then
        assertThatThrownBy(() -> upstream.send(request(
                        RelayEndpoint.CHAT_COMPLETIONS, server.baseUrl(), fixture("images.openai.json"), false, null)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REFUSED))
                .hasMessage("image URLs on private addresses are not allowed");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void givenToolsToolChoiceAndToolResults_whenSending_thenTheyBecomeFunctionDeclarationsCallsAndResponses()
            throws Exception {
        // when
        ScriptedHttpServer.Received sent = sendChat("tools.openai.json", null);

        // then
        assertThat(json(sent.bodyText())).isEqualTo(json(fixture("tools.gemini.json")));
    }

    @Test
    void givenSamplingFieldsAndAJsonSchema_whenSending_thenTheyBecomeTheGenerationConfig() throws Exception {
        // when
        ScriptedHttpServer.Received sent = sendChat("generation.openai.json", null);

        // then
        assertThat(json(sent.bodyText())).isEqualTo(json(fixture("generation.gemini.json")));
    }

    @Test
    void givenAnOutputLimitOverride_whenSending_thenItReplacesTheClientsLimit() throws Exception {
        // when
        ScriptedHttpServer.Received sent = sendChat("generation.openai.json", 64L);

        // then
        assertThat(json(sent.bodyText())
                        .path("generationConfig")
                        .path("maxOutputTokens")
                        .asLong())
                .isEqualTo(64);
    }

    @Test
    void givenJsonObjectFormatAndToolChoiceModes_whenConverting_thenOnlyTheMimeTypeAndTheModeAreSet() {
        for (String[] mode : new String[][] {{"auto", "AUTO"}, {"none", "NONE"}, {"required", "ANY"}}) {
            ObjectNode out = GeminiChatRequests.chatRequest(json("""
                    {"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"},
                     "max_completion_tokens":7,"max_tokens":9,"tool_choice":"%s"}""".formatted(mode[0])), null, fetcher);
            assertThat(json(out.path("generationConfig").toString()))
                    .isEqualTo(json("{\"maxOutputTokens\":7,\"responseMimeType\":\"application/json\"}"));
            assertThat(out.path("toolConfig"))
                    .isEqualTo(json("{\"functionCallingConfig\":{\"mode\":\"" + mode[1] + "\"}}"));
        }
    }

    @Test
    void givenFunctionCallsThoughtsAndUsage_whenTheAnswerArrives_thenItIsAnOpenAiChatCompletion() throws Exception {
        // given
        server = ScriptedHttpServer.answering(r -> Answer.json(200, fixture("answer-tools-thoughts.gemini.json")));

        // when
        try (UpstreamChatResponse response = upstream.send(
                request(RelayEndpoint.CHAT_COMPLETIONS, server.baseUrl(), fixture("roles.openai.json"), false, null))) {
            CompletedChat chat = response.completed();

            // then
            assertThat(withoutCreated(chat.body())).isEqualTo(json(fixture("answer-tools-thoughts.openai.json")));
            assertThat(chat.usage()).isEqualTo(new Usage(120, 80, 100, 50, 0));
            assertThat(chat.text()).isEqualTo("Let me check.The user wants weather.{\"city\":\"Paris\"}{}");
            assertThat(chat.contentType()).isEqualTo("application/json");
        }
    }

    @Test
    void givenABlockedPrompt_whenTheAnswerArrives_thenItIsAContentFilteredCompletionWithoutContent() throws Exception {
        // given
        server = ScriptedHttpServer.answering(r -> Answer.json(200, fixture("answer-blocked.gemini.json")));

        // when
        try (UpstreamChatResponse response = upstream.send(
                request(RelayEndpoint.CHAT_COMPLETIONS, server.baseUrl(), fixture("roles.openai.json"), false, null))) {
            CompletedChat chat = response.completed();

            // then
            assertThat(withoutCreated(chat.body())).isEqualTo(json(fixture("answer-blocked.openai.json")));
            assertThat(chat.usage()).isEqualTo(new Usage(9, 0));
            assertThat(chat.text()).isEmpty();
        }
    }

    @Test
    void givenFinishReasons_whenMapping_thenOpenAiReasonsAreUsed() {
        assertThat(GeminiConversion.finishReason("STOP", false)).isEqualTo("stop");
        assertThat(GeminiConversion.finishReason("MAX_TOKENS", false)).isEqualTo("length");
        for (String filtered : List.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII")) {
            assertThat(GeminiConversion.finishReason(filtered, false)).isEqualTo("content_filter");
        }
        assertThat(GeminiConversion.finishReason("STOP", true)).isEqualTo("tool_calls");
        assertThat(GeminiConversion.finishReason(null, true)).isNull();
    }

    @Test
    void givenAStream_whenReading_thenEachEventIsAnOpenAiChunkAndTheUsageComesLastOnItsOwn() throws Exception {
        // given: the events arrive in separate pieces, the last piece holding two events
        String[] events = fixture("stream.sse").split("(?<=\n\n)");
        server = ScriptedHttpServer.answering(r -> Answer.sse(events[0], events[1], events[2] + events[3]));
        List<StreamChunk> chunks = new ArrayList<>();

        // when
        try (UpstreamChatResponse response = upstream.send(
                request(RelayEndpoint.CHAT_COMPLETIONS, server.baseUrl(), fixture("roles.openai.json"), true, null))) {
            assertThat(response.streaming()).isTrue();
            for (StreamChunk chunk = response.nextChunk(); chunk != null; chunk = response.nextChunk()) {
                chunks.add(chunk);
            }
            assertThat(response.nextChunk()).isNull();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(sent.headers().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(sent.headers().get("accept")).isEqualTo("text/event-stream");
        List<JsonNode> expected = fixture("stream.openai.jsonl")
                .lines()
                .map(GeminiChatUpstreamTest::json)
                .toList();
        assertThat(chunks.stream().map(c -> withoutCreated(c.data())).toList()).isEqualTo(expected);
        assertThat(chunks.stream().map(StreamChunk::text).toList())
                .containsExactly("Thinking...", "Hel", "lo{\"q\":\"x\"}", "{\"q\":\"y\"}", "");
        assertThat(chunks.subList(0, 4)).allSatisfy(c -> {
            assertThat(c.usage()).isNull();
            assertThat(c.usageOnly()).isFalse();
        });
        StreamChunk last = chunks.getLast();
        assertThat(last.usageOnly()).isTrue();
        assertThat(last.usage()).isEqualTo(new Usage(10, 17, 4, 5, 0));
    }

    @Test
    void givenAStreamWithoutUsage_whenItEnds_thenNoUsageChunkIsSent() throws Exception {
        // given
        server = ScriptedHttpServer.answering(
                r -> Answer.sse(
                        "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"MAX_TOKENS\"}]}\r\n\r\n"));

        // when
        try (UpstreamChatResponse response = upstream.send(
                request(RelayEndpoint.CHAT_COMPLETIONS, server.baseUrl(), fixture("roles.openai.json"), true, null))) {
            StreamChunk only = response.nextChunk();

            // then
            assertThat(json(new String(only.data(), StandardCharsets.UTF_8))
                            .path("choices")
                            .get(0))
                    .isEqualTo(json("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"a\"},"
                            + "\"finish_reason\":\"length\"}"));
            assertThat(response.nextChunk()).isNull();
        }
    }

    @Test
    void givenAToolMessageForAnUnknownCall_whenConverting_thenTheRequestIsRefused() {
        assertThatThrownBy(() -> GeminiChatRequests.chatRequest(json("""
                {"messages":[{"role":"user","content":"x"},{"role":"tool","tool_call_id":"nope","content":"1"}]}"""), null, fetcher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a tool message refers to an unknown tool_call_id: nope");
    }

    @Test
    void givenEmbeddingInputs_whenSending_thenABatchEmbedRequestIsSentAndTheAnswerIsOpenAiShaped() throws Exception {
        // given
        server = ScriptedHttpServer.answering(r -> Answer.json(200, fixture("embeddings-answer.gemini.json")));
        UpstreamChatRequest embeddings = new UpstreamChatRequest(
                RelayEndpoint.EMBEDDINGS,
                "req-2",
                new UpstreamTarget("ch-g", "gemini", server.baseUrl() + "/v1beta/", KEY, null),
                fixture("embeddings.openai.json").getBytes(StandardCharsets.UTF_8),
                "text-embedding-3-small",
                "gemini-embedding-001",
                false,
                false,
                null,
                Duration.ofSeconds(2));

        // when
        try (UpstreamChatResponse response = upstream.send(embeddings)) {
            CompletedChat chat = response.completed();

            // then
            assertThat(json(new String(chat.body(), StandardCharsets.UTF_8)))
                    .isEqualTo(json(fixture("embeddings-answer.openai.json")));
            assertThat(chat.usage()).isNull();
        }
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.headers().get("x-goog-api-key")).isEqualTo(KEY);
        assertThat(json(sent.bodyText())).isEqualTo(json(fixture("embeddings.gemini.json")));
    }

    @Test
    void givenAStringInputAndBase64Encoding_whenConverting_thenOneRequestAndLittleEndianFloatsAreProduced() {
        assertThat(GeminiEmbeddingsConversion.embeddingsRequest(json("{\"input\":\"one\"}"), "e"))
                .isEqualTo(
                        json("{\"requests\":[{\"model\":\"models/e\",\"content\":{\"parts\":[{\"text\":\"one\"}]}}]}"));
        ObjectNode out =
                GeminiEmbeddingsConversion.embeddingsResponse(json("{\"embeddings\":[{\"values\":[1.0]}]}"), "m", true);
        assertThat(out.path("data").get(0).path("embedding").asText()).isEqualTo("AACAPw==");
        assertThatThrownBy(() -> GeminiEmbeddingsConversion.embeddingsRequest(json("{\"input\":[[1,2]]}"), "e"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the gemini channel type embeds text input only");
    }

    @Test
    void givenAnotherEndpoint_whenSending_thenTheAttemptIsRefused() {
        assertThatThrownBy(() -> upstream.send(
                        request(RelayEndpoint.IMAGES_GENERATIONS, "http://127.0.0.1:1", "{}", false, null)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REFUSED))
                .hasMessage("the gemini channel type serves chat completions and embeddings only");
    }

    @Test
    void givenBaseUrls_whenBuildingTheUri_thenV1betaIsAddedOnce() {
        assertThat(GeminiChatUpstream.uri(
                                "https://generativelanguage.googleapis.com", "gemini-2.5-pro", "generateContent")
                        .toString())
                .isEqualTo("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent");
        assertThat(GeminiChatUpstream.uri(
                                "https://generativelanguage.googleapis.com/v1beta/",
                                "models/g",
                                "streamGenerateContent?alt=sse")
                        .toString())
                .isEqualTo("https://generativelanguage.googleapis.com/v1beta/models/g:streamGenerateContent?alt=sse");
    }
}
