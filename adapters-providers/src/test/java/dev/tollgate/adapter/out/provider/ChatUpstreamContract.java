package dev.tollgate.adapter.out.provider;

import static dev.tollgate.adapter.out.provider.ScriptedHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Received;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Script;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.CompletedChat;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.application.upstream.port.out.Usage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every provider adapter promises the relay, whatever its protocol: an OpenAI chat request in, sent once to the
 * provider with the channel's credentials; the provider's answer out as an OpenAI chat completion (or chunks) showing
 * the client's model name, with tool calls and usage; error statuses passed through; no connection, no head, a stream
 * cut mid-event and a silent stream reported as {@link UpstreamException}s that never contain the channel's key.
 *
 * <p>A provider adapter's test extends this class and says how its provider answers (in the provider's own format,
 * from a real local HTTP server) and where a request must go; a new provider proves the same behaviour by doing so.
 */
@Timeout(value = 15, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ChatUpstreamContract {
    protected static final ObjectMapper JSON = new ObjectMapper();
    /** The model the client asked for: every answer must show this name, never the upstream's. */
    protected static final String CLIENT_MODEL = "client-model";
    /** The text every scripted answer generates (in two pieces when streamed: {@code "Hello"}, {@code " there"}). */
    protected static final String TEXT = "Hello there";

    protected static final long PROMPT_TOKENS = 11;
    protected static final long COMPLETION_TOKENS = 7;
    protected static final long TOOL_PROMPT_TOKENS = 20;
    protected static final long TOOL_COMPLETION_TOKENS = 5;
    /** The longest silence a stream may keep in these tests. */
    protected static final Duration IDLE_TIMEOUT = Duration.ofMillis(300);

    protected static final ProviderHttpSettings SETTINGS =
            new ProviderHttpSettings(Duration.ofSeconds(2), IDLE_TIMEOUT, 65_536);

    private static final String CHAT = """
            {"model":"client-model","messages":[{"role":"user","content":"Say hello."}],"max_tokens":64,"stream":%b}""";
    private static final String CHAT_WITH_TOOLS = """
            {"model":"client-model","messages":[{"role":"user","content":"Weather in Paris?"}],"max_tokens":64,"stream":%b,\
            "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",\
            "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}""";

    private final CountDownLatch release = new CountDownLatch(1);
    private ScriptedHttpServer server;

    @AfterEach
    void closeTheFakeProvider() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- what each provider's test says

    /** The adapter under test, with {@link #SETTINGS}. */
    protected abstract ChatUpstreamPort adapter();

    /** The channel (type, base URL, key, options) whose provider listens at {@code baseUrl}. */
    protected abstract UpstreamTarget target(String baseUrl);

    /** The model name sent to the provider. */
    protected abstract String upstreamModel();

    /** Checks that the request went to the provider's path for this model with the channel's credentials. */
    protected abstract void assertAddressedWithCredentials(Received sent, boolean stream) throws Exception;

    /** The provider's own non-streamed answer: {@link #TEXT}, {@link #PROMPT_TOKENS} in, {@link #COMPLETION_TOKENS} out. */
    protected abstract Script textAnswer();

    /**
     * The provider's own non-streamed answer calling {@code get_weather} with {@code {"city":"Paris"}},
     * {@link #TOOL_PROMPT_TOKENS} in, {@link #TOOL_COMPLETION_TOKENS} out.
     */
    protected abstract Script toolCallAnswer();

    /** The provider's own stream: {@code "Hello"}, then {@code " there"}, then the usage of {@link #textAnswer()}. */
    protected abstract Script textStream();

    /** The head and the first event of the provider's stream, flushed, and nothing more. */
    protected abstract Script streamStart();

    /** The head and the first event of the provider's stream, then the beginning of the next event, and the end. */
    protected abstract Script streamCutMidEvent();

    /** The provider's own error body for a 429. */
    protected abstract String rateLimitErrorBody();

    // ---------------------------------------------------------------- the contract

    @Test
    void givenAChatRequest_whenSending_thenOnePostReachesTheProvidersPathWithTheChannelsCredentials() throws Exception {
        // given
        server = new ScriptedHttpServer(textAnswer());

        // when
        try (UpstreamChatResponse response = adapter().send(request(CHAT, false, Duration.ofSeconds(2)))) {
            response.completed();
        }

        // then
        assertThat(server.received()).hasSize(1);
        Received sent = server.received().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertAddressedWithCredentials(sent, false);
        assertThat(sent.bodyText()).contains("Say hello.").doesNotContain(CLIENT_MODEL);
    }

    @Test
    void givenATextAnswer_whenCompleted_thenItIsAnOpenAiChatCompletionWithTheClientsModelAndTheUsage()
            throws Exception {
        // given
        server = new ScriptedHttpServer(textAnswer());

        // when
        try (UpstreamChatResponse response = adapter().send(request(CHAT, false, Duration.ofSeconds(2)))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.streaming()).isFalse();
            CompletedChat chat = response.completed();

            // then
            JsonNode answer = JSON.readTree(chat.body());
            assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
            assertThat(answer.path("model").asText()).isEqualTo(CLIENT_MODEL);
            JsonNode choice = answer.path("choices").path(0);
            assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
            assertThat(choice.path("message").path("content").asText()).isEqualTo(TEXT);
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(chat.usage()).isEqualTo(new Usage(PROMPT_TOKENS, COMPLETION_TOKENS));
            assertThat(chat.text()).isEqualTo(TEXT);
            assertThat(chat.nativeFormat()).isFalse();
        }
    }

    @Test
    void givenTools_whenTheProviderCallsOne_thenTheToolWasSentAndTheCallComesBackAsAnOpenAiToolCall() throws Exception {
        // given
        server = new ScriptedHttpServer(toolCallAnswer());

        // when
        try (UpstreamChatResponse response = adapter().send(request(CHAT_WITH_TOOLS, false, Duration.ofSeconds(2)))) {
            CompletedChat chat = response.completed();

            // then
            assertThat(server.received().getFirst().bodyText()).contains("get_weather", "Current weather", "city");
            JsonNode choice = JSON.readTree(chat.body()).path("choices").path(0);
            assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
            JsonNode call = choice.path("message").path("tool_calls").path(0);
            assertThat(call.path("type").asText()).isEqualTo("function");
            assertThat(call.path("id").asText()).isNotBlank();
            assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
            assertThat(JSON.readTree(call.path("function").path("arguments").asText()))
                    .isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
            assertThat(choice.path("message").path("tool_calls")).hasSize(1);
            assertThat(chat.usage()).isEqualTo(new Usage(TOOL_PROMPT_TOKENS, TOOL_COMPLETION_TOKENS));
        }
    }

    @Test
    void givenAStream_whenReading_thenOpenAiChunksCarryTheTextTheClientsModelAndTheUsageLast() throws Exception {
        // given
        server = new ScriptedHttpServer(textStream());

        // when
        List<StreamChunk> chunks = new ArrayList<>();
        try (UpstreamChatResponse response = adapter().send(request(CHAT, true, Duration.ofSeconds(2)))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.streaming()).isTrue();
            for (StreamChunk chunk = response.nextChunk(); chunk != null; chunk = response.nextChunk()) {
                chunks.add(chunk);
            }
            assertThat(response.nextChunk()).isNull();
        }

        // then
        assertAddressedWithCredentials(server.received().getFirst(), true);
        StringBuilder content = new StringBuilder();
        List<String> finishReasons = new ArrayList<>();
        Usage usage = null;
        for (StreamChunk chunk : chunks) {
            assertThat(chunk.comment()).isFalse();
            JsonNode json = JSON.readTree(chunk.data());
            assertThat(json.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(json.path("model").asText()).isEqualTo(CLIENT_MODEL);
            JsonNode choice = json.path("choices").path(0);
            content.append(choice.path("delta").path("content").asText(""));
            if (choice.path("finish_reason").isTextual()) {
                finishReasons.add(choice.path("finish_reason").asText());
            }
            if (chunk.usage() != null) {
                usage = chunk.usage();
            }
        }
        assertThat(content).hasToString(TEXT);
        assertThat(finishReasons).containsExactly("stop");
        assertThat(usage).isEqualTo(new Usage(PROMPT_TOKENS, COMPLETION_TOKENS));
        assertThat(chunks.getLast().usage()).isEqualTo(usage);
        assertThat(String.join("", chunks.stream().map(StreamChunk::text).toList()))
                .isEqualTo(TEXT);
    }

    @Test
    void givenAStreamCutInTheMiddleOfAnEvent_whenReading_thenItIsBrokenNeverAnEnd() throws Exception {
        // given
        server = new ScriptedHttpServer(streamCutMidEvent());

        // when
        try (UpstreamChatResponse response = adapter().send(request(CHAT, true, Duration.ofSeconds(2)))) {
            assertThat(response.streaming()).isTrue();

            // then: what arrived whole is passed on, and the cut is an error, not the end of the answer
            assertThatThrownBy(() -> {
                        while (response.nextChunk() != null) {
                            // drain the events that arrived whole
                        }
                    })
                    .isInstanceOfSatisfying(
                            UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN))
                    .hasMessageNotContaining(target(server.baseUrl()).apiKey());
        }
    }

    @Test
    void givenAnErrorStatus_whenSendingAStreamRequest_thenStatusAndBodyPassThroughAndNothingStreams() throws Exception {
        // given
        String error = rateLimitErrorBody();
        server = new ScriptedHttpServer((r, out) -> json(out, 429, error));

        // when
        try (UpstreamChatResponse response = adapter().send(request(CHAT, true, Duration.ofSeconds(2)))) {
            // then
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.streaming()).isFalse();
            assertThat(response.errorBody()).isEqualTo(error.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void givenNothingListening_whenSending_thenAConnectFailureWithoutTheKey() throws Exception {
        // given: a port nobody listens on
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        UpstreamChatRequest request = request("http://127.0.0.1:" + port, CHAT, false, Duration.ofSeconds(2));

        // when / then
        assertThatThrownBy(() -> adapter().send(request))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.CONNECT))
                .hasMessageNotContaining(request.target().apiKey());
    }

    @Test
    void givenNoHeadWithinTheFirstByteTimeout_whenSending_thenATimeOutWithoutTheKey() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> release.await(5, TimeUnit.SECONDS));
        UpstreamChatRequest request = request(CHAT, false, Duration.ofMillis(200));

        // when / then
        long start = System.nanoTime();
        assertThatThrownBy(() -> adapter().send(request))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT))
                .hasMessageNotContaining(request.target().apiKey());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void givenAStreamThatGoesSilent_whenReading_thenTheIdleTimeOutCutsItOff() throws Exception {
        // given
        Script start = streamStart();
        server = new ScriptedHttpServer((r, out) -> {
            start.answer(r, out);
            out.flush();
            release.await(5, TimeUnit.SECONDS);
        });

        // when
        try (UpstreamChatResponse response = adapter().send(request(CHAT, true, Duration.ofSeconds(2)))) {
            assertThat(response.streaming()).isTrue();
            long begin = System.nanoTime();

            // then
            assertThatThrownBy(() -> {
                        while (response.nextChunk() != null) {
                            assertThat(Duration.ofNanos(System.nanoTime() - begin))
                                    .isLessThan(Duration.ofSeconds(2));
                        }
                    })
                    .isInstanceOfSatisfying(
                            UpstreamException.class,
                            e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.TIMEOUT))
                    .hasMessageNotContaining(target(server.baseUrl()).apiKey());
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        }
    }

    // ---------------------------------------------------------------- helpers

    private UpstreamChatRequest request(String body, boolean stream, Duration firstByteTimeout) {
        return request(server.baseUrl(), body, stream, firstByteTimeout);
    }

    /** The client's request: {@code body} with its {@code stream} flag set. */
    private UpstreamChatRequest request(String baseUrl, String body, boolean stream, Duration firstByteTimeout) {
        return new UpstreamChatRequest(
                RelayEndpoint.CHAT_COMPLETIONS,
                "req-1",
                target(baseUrl),
                body.formatted(stream).getBytes(StandardCharsets.UTF_8),
                CLIENT_MODEL,
                upstreamModel(),
                stream,
                stream,
                null,
                firstByteTimeout);
    }

    /** A JSON answer with its length. */
    protected static Script jsonAnswer(String body) {
        return (r, out) -> json(out, 200, body);
    }

    /** An SSE answer without a length, each event flushed on its own. */
    protected static Script sseAnswer(String... events) {
        return (r, out) -> {
            ScriptedHttpServer.writeHead(out, 200, "text/event-stream", null);
            for (String event : events) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }
}
