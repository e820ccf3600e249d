package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.in.RealtimeUseCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The official Node SDKs — Google's {@code @google/genai}, Anthropic's {@code @anthropic-ai/sdk} and OpenAI's
 * {@code openai} with its Realtime WebSocket client — pointed at Tollgate: each runs as a script of
 * {@code sdk-tests/node} in its own {@code node} process (versions pinned in its package-lock.json), prints what it
 * got as one JSON object, and the key it used is charged exactly what the fake upstream's usage costs. Gemini and
 * Anthropic requests go to an OpenAI-type channel (converted, as in the Java SDK tests), realtime sessions to
 * {@link FakeRealtimeUpstream}; everything listens on 127.0.0.1.
 *
 * <p>Needs {@code node} (20 or later) and {@code npm ci} run in {@code sdk-tests/node} ({@code .ci/run} and
 * {@code ./test.sh} do it): without them the tests are skipped on a developer's machine and FAIL under CI
 * ({@code CI=true}).
 */
class NodeSdkEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS =
            Path.of("..", "sdk-tests", "node").toAbsolutePath().normalize();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
    /** Text 100 in (20 cached), audio 50 in (10 cached), 30 text and 40 audio out, priced as below: 142 + 484. */
    private static final long REALTIME_COST = 626;

    private static FakeRealtimeUpstream realtimeUpstream;
    private static int nodeMajor;

    @Autowired
    RealtimeUseCase realtime;

    @BeforeAll
    static void requireNodeAndTheSdks() throws IOException {
        nodeMajor = nodeMajorVersion();
        boolean installed = nodeMajor >= 20 && Files.isDirectory(SCRIPTS.resolve("node_modules"));
        String missing = nodeMajor < 20
                ? "node 20 or later is not installed"
                : "the Node SDKs are not installed: run `npm ci` in sdk-tests/node";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing + " (.ci/run installs them)");
        }
        assumeTrue(installed, missing + ": Node SDK tests skipped");
        realtimeUpstream = new FakeRealtimeUpstream();
    }

    @AfterAll
    static void stopRealtimeUpstream() throws IOException {
        if (realtimeUpstream != null) {
            realtimeUpstream.close();
        }
    }

    /** The major version of the {@code node} on the PATH, 0 when there is none. */
    private static int nodeMajorVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !version.startsWith("v")) {
                return 0;
            }
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Runs {@code node <script>} in sdk-tests/node with the gateway's base URL, the key and the model in its
     * environment; its one JSON object. Fails with its stderr when it fails or runs past the time-out.
     */
    private static JsonNode run(String script, String baseUrl, String key, String model) throws Exception {
        List<String> command = new ArrayList<>(List.of("node"));
        if (nodeMajor < 22) {
            command.add("--experimental-websocket"); // Node 20 and 21 have a global WebSocket only with this flag
        }
        command.add(script);
        Path out = Files.createTempFile("tollgate-node-sdk-", ".out");
        Path err = Files.createTempFile("tollgate-node-sdk-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(SCRIPTS.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("TOLLGATE_BASE_URL", baseUrl);
            builder.environment().put("TOLLGATE_KEY", key);
            builder.environment().put("TOLLGATE_MODEL", model);
            builder.environment().put("NO_PROXY", "127.0.0.1");
            Process process = builder.start();
            boolean ended = process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String stdout = Files.readString(out);
            String stderr = Files.readString(err);
            if (!ended || process.exitValue() != 0) {
                fail("node " + script + (ended ? " exited with " + process.exitValue() : " ran past " + SCRIPT_TIMEOUT)
                        + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return JSON.readTree(stdout.strip().lines().reduce((a, b) -> b).orElseThrow());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private String model(String prefix) {
        UPSTREAM.usage(12, 8);
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    private JsonNode token(String name, String model) {
        return admin.createToken(Map.of("name", name, "quota", 500_000, "models", List.of(model)));
    }

    private long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    private static long sentUpstream(String model) {
        return UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .count();
    }

    @Test
    void
            givenTheGoogleGenAiNodeSdk_whenItGeneratesStreamsCountsEmbedsAndLists_thenGooglesShapesComeBackAndTheKeyIsChargedExactly()
                    throws Exception {
        // given
        String model = model("node-genai");
        JsonNode token = token("node-genai", model);

        // when
        JsonNode got =
                run("genai.mjs", "http://127.0.0.1:" + port, token.get("key").asText(), model);

        // then: generate and stream 12 × 1 + 8 × 2 = 28 units each, the embedding 12 × 1; counting and listing free
        assertThat(got.path("generate").path("text").asText())
                .as(got.toString())
                .isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(got.path("generate").path("usage").path("promptTokenCount").asInt())
                .isEqualTo(12);
        assertThat(got.path("generate")
                        .path("usage")
                        .path("candidatesTokenCount")
                        .asInt())
                .isEqualTo(8);
        assertThat(got.path("stream").path("text").asText()).as(got.toString()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(got.path("stream").path("usage").path("candidatesTokenCount").asInt())
                .isEqualTo(8);
        assertThat(got.path("countTokens").path("totalTokens").asInt())
                .as(got.toString())
                .isPositive();
        assertThat(got.path("embed").path("embeddings").toString()).isEqualTo("[[0.25,-0.5,0.125]]");
        assertThat(got.path("list").path("names").toString()).isEqualTo("[\"models/" + model + "\"]");
        assertThat(got.path("get").path("name").asText()).as(got.toString()).isEqualTo("models/" + model);
        assertThat(got.path("refused").path("error").path("status").asInt())
                .as(got.toString())
                .isEqualTo(401);
        assertThat(sentUpstream(model)).isEqualTo(3);
        assertThat(used(token)).as(got.toString()).isEqualTo(28 + 28 + 12);
    }

    @Test
    void
            givenTheAnthropicNodeSdk_whenItCreatesStreamsAndCountsMessages_thenAnthropicsShapesComeBackAndTheKeyIsChargedExactly()
                    throws Exception {
        // given
        String model = model("node-anthropic");
        JsonNode token = token("node-anthropic", model);

        // when
        JsonNode got = run(
                "anthropic.mjs", "http://127.0.0.1:" + port, token.get("key").asText(), model);

        // then: the message and the stream 12 × 1 + 8 × 2 = 28 units each; counting is free
        JsonNode created = got.path("create");
        assertThat(created.path("type").asText()).as(got.toString()).isEqualTo("message");
        assertThat(created.path("text").asText()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(created.path("stopReason").asText()).isEqualTo("end_turn");
        assertThat(created.path("usage").path("input_tokens").asInt()).isEqualTo(12);
        assertThat(created.path("usage").path("output_tokens").asInt()).isEqualTo(8);
        JsonNode streamed = got.path("stream");
        assertThat(streamed.path("deltas").asText()).as(got.toString()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(streamed.path("text").asText()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(streamed.path("events").toString())
                .contains("\"message_start\"", "\"content_block_delta\"", "\"message_delta\"", "\"message_stop\"");
        assertThat(streamed.path("usage").path("output_tokens").asInt()).isEqualTo(8);
        assertThat(got.path("countTokens").path("inputTokens").asInt())
                .as(got.toString())
                .isBetween(8, 20);
        assertThat(got.path("refused").path("error").path("status").asInt())
                .as(got.toString())
                .isEqualTo(401);
        assertThat(got.path("refused").path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(sentUpstream(model)).isEqualTo(2);
        assertThat(used(token)).as(got.toString()).isEqualTo(28 + 28);
    }

    @Test
    void
            givenTheOpenAiNodeSdk_whenItChatsStreamsAndCreatesAResponse_thenTheAnswersAndUsageComeBackAndTheKeyIsChargedExactly()
                    throws Exception {
        // given
        String model = model("node-openai");
        JsonNode token = token("node-openai", model);

        // when
        JsonNode got = run("openai.mjs", relayBase(), token.get("key").asText(), model);

        // then: three calls of 12 × 1 + 8 × 2 = 28 units
        JsonNode chat = got.path("chat");
        assertThat(chat.path("text").asText()).as(got.toString()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(chat.path("model").asText()).isEqualTo(model);
        assertThat(chat.path("usage").path("prompt_tokens").asInt()).isEqualTo(12);
        JsonNode streamed = got.path("stream");
        assertThat(streamed.path("text").asText()).as(got.toString()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(streamed.path("finishReasons").toString()).isEqualTo("[\"stop\"]");
        assertThat(streamed.path("usage").path("prompt_tokens").asInt()).isEqualTo(12);
        assertThat(streamed.path("usage").path("completion_tokens").asInt()).isEqualTo(8);
        JsonNode response = got.path("response");
        assertThat(response.path("status").asText()).as(got.toString()).isEqualTo("completed");
        assertThat(response.path("text").asText()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(response.path("usage").path("output_tokens").asInt()).isEqualTo(8);
        assertThat(got.path("refused").path("error").path("status").asInt())
                .as(got.toString())
                .isEqualTo(401);
        assertThat(got.path("refused").path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(sentUpstream(model)).isEqualTo(3);
        assertThat(used(token)).as(got.toString()).isEqualTo(3 * 28);
    }

    @Test
    void givenTheOpenAiNodeRealtimeClient_whenItAsksForOneResponse_thenTheResponseArrivesAndItsUsageIsChargedExactly()
            throws Exception {
        // given: text 1 unit per input token, 0.1 per cached input token, 2 per output token; audio 4, 0.4 and 8
        String model = uniqueModel("node-realtime");
        admin.createChannel("rt-" + model, realtimeUpstream.baseUrl(), model, 0, 1, Map.of());
        assertThat(admin.put(
                                "/api/v1/prices/" + model,
                                Map.of("input", 1_000_000, "output", 2_000_000, "cachedInput", 100_000))
                        .status())
                .isEqualTo(200);
        assertThat(admin.put(
                                "/api/v1/prices/" + model + ":audio",
                                Map.of("input", 4_000_000, "output", 8_000_000, "cachedInput", 400_000))
                        .status())
                .isEqualTo(200);
        JsonNode token = admin.createToken(Map.of("name", "node-realtime", "quota", 10_000_000));
        String key = token.get("key").asText();
        int handshakes = realtimeUpstream.handshakes().size();

        // when
        JsonNode got = run("openai-realtime.mjs", relayBase(), key, model);

        // then: the key went as the subprotocol, never upstream; the usage is the fake's, charged once
        assertThat(got.path("errors").size()).as(got.toString()).isZero();
        assertThat(got.path("url").asText()).isEqualTo("ws://127.0.0.1:" + port + "/v1/realtime?model=" + model);
        assertThat(got.path("protocol").asText()).isEqualTo("realtime");
        assertThat(got.path("events").toString())
                .contains("\"session.created\"", "\"response.created\"", "\"response.done\"");
        assertThat(got.path("textDeltas").asText()).isEqualTo(FakeRealtimeUpstream.TEXT_DELTA);
        assertThat(got.path("audioDeltas").asInt()).isEqualTo(1);
        assertThat(got.path("status").asText()).isEqualTo("completed");
        assertThat(got.path("usage").path("input_tokens").asLong()).isEqualTo(150);
        assertThat(got.path("usage").path("output_tokens").asLong()).isEqualTo(70);
        assertThat(realtimeUpstream.handshakes()).hasSize(handshakes + 1);
        FakeRealtimeUpstream.Handshake handshake = realtimeUpstream.handshakes().getLast();
        assertThat(handshake.target()).isEqualTo("/v1/realtime?model=" + model);
        assertThat(handshake.headers().get("authorization")).isEqualTo("Bearer sk-upstream-rt-" + model);
        assertThat(handshake.headers().toString()).doesNotContain(key);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(realtime.openSessions()).isZero());
        assertThat(used(token)).as(got.toString()).isEqualTo(REALTIME_COST);
    }
}
