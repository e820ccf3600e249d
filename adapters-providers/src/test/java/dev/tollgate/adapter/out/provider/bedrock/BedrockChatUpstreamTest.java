package dev.tollgate.adapter.out.provider.bedrock;

import static dev.tollgate.adapter.out.provider.bedrock.EventStreamFrames.concat;
import static dev.tollgate.adapter.out.provider.bedrock.EventStreamFrames.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.out.provider.InlineImage;
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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A regression in a time-out must fail a test, never hang the build. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BedrockChatUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_KEY = "AKID";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYsecretKEY";
    private static final String MODEL_ID = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
    private static final String SIMPLE =
            "{\"model\":\"claude-fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final BedrockChatUpstream upstream = new BedrockChatUpstream(
            new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500), 65_536),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private ScriptedHttpServer server;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Bedrock's request id, sent with every answer of the test server. */
    private static final String REQUEST_ID = "x-amzn-RequestId: rid-42";

    private static void json(OutputStream out, int status, byte[] body) throws IOException {
        ScriptedHttpServer.writeHead(out, status, "application/json", body.length, REQUEST_ID);
        out.write(body);
    }

    /** An event-stream body without a length (read to the end of the connection), in small flushed pieces. */
    private static void eventStream(OutputStream out, byte[] body, int piece) throws IOException {
        ScriptedHttpServer.writeHead(out, 200, "application/vnd.amazon.eventstream", null, REQUEST_ID);
        for (int i = 0; i < body.length; i += piece) {
            out.write(body, i, Math.min(piece, body.length - i));
            out.flush();
        }
    }

    static byte[] fixture(String name) {
        try (InputStream in = BedrockChatUpstreamTest.class.getResourceAsStream("/bedrock/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static UpstreamChatRequest request(
            RelayEndpoint endpoint,
            String baseUrl,
            String key,
            Map<String, String> options,
            byte[] body,
            boolean stream,
            Long maxTokens) {
        return new UpstreamChatRequest(
                endpoint,
                "req-1",
                new UpstreamTarget("ch-b", "aws-bedrock", baseUrl, key, options),
                body,
                "claude-fast",
                MODEL_ID,
                stream,
                stream,
                maxTokens,
                Duration.ofSeconds(2));
    }

    private UpstreamChatRequest request(byte[] body, boolean stream) {
        return request(
                RelayEndpoint.CHAT_COMPLETIONS,
                server.baseUrl(),
                ACCESS_KEY + ":" + SECRET,
                Map.of("region", "us-east-1"),
                body,
                stream,
                null);
    }

    // ---------------------------------------------------------------- an independent SigV4 check

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(utf8(data));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** The Authorization header AWS would compute for the request as the server received it. */
    private static String expectedAuthorization(ScriptedHttpServer.Received r, String secret, boolean token)
            throws Exception {
        String amzDate = r.headers().get("x-amz-date");
        String date = amzDate.substring(0, 8);
        String signed = token ? "content-type;host;x-amz-date;x-amz-security-token" : "content-type;host;x-amz-date";
        String canonical = "POST\n"
                + r.path().replace("%", "%25") + "\n"
                + "\n"
                + "content-type:" + r.headers().get("content-type") + "\n"
                + "host:" + r.headers().get("host") + "\n"
                + "x-amz-date:" + amzDate + "\n"
                + (token ? "x-amz-security-token:" + r.headers().get("x-amz-security-token") + "\n" : "")
                + "\n" + signed + "\n" + sha256(r.body());
        String scope = date + "/us-east-1/bedrock/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256(utf8(canonical));
        byte[] key = hmac(utf8("AWS4" + secret), date);
        key = hmac(key, "us-east-1");
        key = hmac(key, "bedrock");
        key = hmac(key, "aws4_request");
        return "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/" + scope + ", SignedHeaders=" + signed + ", Signature="
                + HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    // ---------------------------------------------------------------- requests

    @Test
    void givenAnOpenAiChatRequest_whenSending_thenTheExactConverseRequestIsPostedAndSigned() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, fixture("converse-response.json")));

        // when
        try (UpstreamChatResponse response = upstream.send(request(fixture("chat-request.json"), false))) {
            response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree(fixture("converse-request.json")));
        assertThat(sent.headers().get("host")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(sent.headers().get("x-amz-date")).isEqualTo("20240101T000000Z");
        assertThat(sent.headers().get("content-type")).isEqualTo("application/json");
        assertThat(sent.headers().get("accept")).isEqualTo("application/json");
        assertThat(sent.headers()).doesNotContainKeys("x-amz-security-token", "x-api-key");
        String authorization = sent.headers().get("authorization");
        assertThat(authorization)
                .matches("AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/bedrock/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}");
        assertThat(authorization).isEqualTo(expectedAuthorization(sent, SECRET, false));
        assertThat(String.join("\n", sent.headers().values())).doesNotContain(SECRET);
    }

    @Test
    void givenAKeyWithASessionToken_whenSending_thenTheTokenIsSentAndSigned() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, fixture("converse-response.json")));
        String token = "IQoJb3JpZ2luX2VjEXAMPLE/token+with=chars";

        // when
        try (UpstreamChatResponse response = upstream.send(request(
                RelayEndpoint.CHAT_COMPLETIONS,
                server.baseUrl() + "/",
                ACCESS_KEY + ":" + SECRET + ":" + token,
                Map.of("region", "us-east-1"),
                utf8(SIMPLE),
                false,
                null))) {
            response.completed();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).startsWith("/model/");
        assertThat(sent.headers().get("x-amz-security-token")).isEqualTo(token);
        assertThat(sent.headers().get("authorization"))
                .contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=")
                .isEqualTo(expectedAuthorization(sent, SECRET, true));
    }

    @Test
    void givenNoLimitFromTheClientOrAnOverride_whenSending_thenMaxTokensIsTheDefaultOrTheOverride() throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, fixture("converse-response.json")));

        // when
        try (UpstreamChatResponse response = upstream.send(request(utf8(SIMPLE), false))) {
            response.completed();
        }
        try (UpstreamChatResponse response = upstream.send(request(
                RelayEndpoint.CHAT_COMPLETIONS,
                server.baseUrl(),
                ACCESS_KEY + ":" + SECRET,
                Map.of("region", "us-east-1"),
                utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_completion_tokens\":99,"
                        + "\"max_tokens\":5}"),
                false,
                777L))) {
            response.completed();
        }

        // then
        assertThat(JSON.readTree(server.received().get(0).body()))
                .isEqualTo(JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}],"
                        + "\"inferenceConfig\":{\"maxTokens\":4096}}"));
        assertThat(JSON.readTree(server.received().get(1).body())
                        .path("inferenceConfig")
                        .path("maxTokens")
                        .asLong())
                .isEqualTo(777);
    }

    @Test
    void givenRequestsTheChannelCannotServe_whenSending_thenTheyAreRefusedAsBrokenWithoutTheSecret() {
        String key = ACCESS_KEY + ":" + SECRET;
        String httpImage = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}";
        List<UpstreamChatRequest> refused = List.of(
                request(RelayEndpoint.CHAT_COMPLETIONS, "http://127.0.0.1:9", key, Map.of(), utf8(SIMPLE), false, null),
                request(
                        RelayEndpoint.EMBEDDINGS,
                        "http://127.0.0.1:9",
                        key,
                        Map.of("region", "us-east-1"),
                        utf8(SIMPLE),
                        false,
                        null),
                request(
                        RelayEndpoint.CHAT_COMPLETIONS,
                        "http://127.0.0.1:9",
                        key,
                        Map.of("region", "us-east-1"),
                        utf8(httpImage),
                        false,
                        null),
                request(
                        RelayEndpoint.CHAT_COMPLETIONS,
                        "http://127.0.0.1:9",
                        SECRET,
                        Map.of("region", "us-east-1"),
                        utf8(SIMPLE),
                        false,
                        null));
        List<String> messages = List.of(
                "the aws-bedrock channel needs options.region",
                "the aws-bedrock channel type serves chat completions only",
                "aws-bedrock needs images inline (data: URLs)",
                "the aws-bedrock channel key must be ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]");
        // the channel's own misconfiguration is BROKEN; a request it cannot carry is the client's, REFUSED
        List<UpstreamException.Kind> kinds = List.of(
                UpstreamException.Kind.BROKEN,
                UpstreamException.Kind.REFUSED,
                UpstreamException.Kind.REFUSED,
                UpstreamException.Kind.BROKEN);
        for (int i = 0; i < refused.size(); i++) {
            UpstreamChatRequest r = refused.get(i);
            UpstreamException.Kind kind = kinds.get(i);
            assertThatThrownBy(() -> upstream.send(r))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.kind()).isEqualTo(kind);
                        assertThat(e.getMessage()).doesNotContain(SECRET);
                    })
                    .hasMessage(messages.get(i));
        }
    }

    @Test
    void givenNoBaseUrl_whenBuildingTheEndpoint_thenItIsTheRegionsPublicOne() {
        assertThat(BedrockChatUpstream.converseUri(BedrockChatUpstream.baseUrl(null, "eu-west-3"), MODEL_ID, true))
                .hasToString("https://bedrock-runtime.eu-west-3.amazonaws.com/model/"
                        + "anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
        assertThat(BedrockChatUpstream.baseUrl("  ", "us-east-1"))
                .isEqualTo("https://bedrock-runtime.us-east-1.amazonaws.com");
        assertThat(BedrockChatUpstream.baseUrl("http://proxy:8080//", "us-east-1"))
                .isEqualTo("http://proxy:8080");
    }

    // ---------------------------------------------------------------- answers

    @Test
    void givenAConverseAnswerWithReasoningTextAndAToolUse_whenCompleted_thenItIsAChatCompletionWithUsage()
            throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> json(out, 200, fixture("converse-response.json")));

        // when
        CompletedChat chat;
        try (UpstreamChatResponse response = upstream.send(request(utf8(SIMPLE), false))) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.streaming()).isFalse();
            chat = response.completed();
        }

        // then
        JsonNode body = JSON.readTree(chat.body());
        assertThat(body).isEqualTo(JSON.readTree("""
                {"id":"chatcmpl-rid-42","object":"chat.completion","created":1704067200,"model":"claude-fast",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Checking the weather.",
                   "reasoning_content":"The user wants the weather.",
                   "tool_calls":[{"id":"tooluse_abc","type":"function","function":{"name":"get_weather",
                     "arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":125,"completion_tokens":25,"total_tokens":150,
                   "prompt_tokens_details":{"cached_tokens":20}}}
                """));
        assertThat(chat.usage()).isEqualTo(new Usage(125, 25, 20, 0, 0, 5));
        assertThat(chat.text()).contains("Checking the weather.", "The user wants the weather.", "Paris");
        assertThat(chat.contentType()).isEqualTo("application/json");
    }

    // ---------------------------------------------------------------- streams

    private static byte[] weatherStream() {
        return concat(
                event("messageStart", "{\"p\":\"abcd\",\"role\":\"assistant\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Let me \"},\"p\":\"ab\"}"),
                event(
                        "contentBlockDelta",
                        "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"check, Z\u00fcrich \u2600\"}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                event(
                        "contentBlockStart",
                        "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":"
                                + "{\"toolUseId\":\"tooluse_w1\",\"name\":\"get_weather\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"ci\"}}}"),
                event(
                        "contentBlockDelta",
                        "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":" + "{\"input\":\"ty\\\": \\\"Z\u00fcr\"}}}"),
                event(
                        "contentBlockDelta",
                        "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"ich\\\"}\"}}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":1}"),
                event("messageStop", "{\"stopReason\":\"tool_use\"}"),
                event(
                        "metadata",
                        "{\"usage\":{\"inputTokens\":30,\"outputTokens\":12,\"totalTokens\":42,"
                                + "\"cacheReadInputTokens\":4},\"metrics\":{\"latencyMs\":120}}"));
    }

    private static List<StreamChunk> drain(UpstreamChatResponse response) throws UpstreamException {
        List<StreamChunk> chunks = new ArrayList<>();
        for (StreamChunk c = response.nextChunk(); c != null; c = response.nextChunk()) {
            chunks.add(c);
        }
        return chunks;
    }

    @Test
    void givenAConverseStreamInSmallPieces_whenReading_thenChunksCarryRoleTextAToolCallFinishAndUsage()
            throws Exception {
        // given
        server = new ScriptedHttpServer((r, out) -> eventStream(out, weatherStream(), 5));

        // when
        List<StreamChunk> chunks;
        try (UpstreamChatResponse response = upstream.send(request(utf8(SIMPLE), true))) {
            assertThat(response.streaming()).isTrue();
            assertThat(response.contentType()).isEqualTo("text/event-stream");
            chunks = drain(response);
            assertThat(response.nextChunk()).isNull();
        }

        // then
        ScriptedHttpServer.Received sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream");
        assertThat(sent.headers().get("accept")).isEqualTo("application/vnd.amazon.eventstream");
        assertThat(JSON.readTree(sent.body()).has("stream")).isFalse();

        List<JsonNode> json = new ArrayList<>();
        for (StreamChunk c : chunks) {
            json.add(JSON.readTree(c.data()));
        }
        assertThat(json).allSatisfy(j -> {
            assertThat(j.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(j.path("model").asText()).isEqualTo("claude-fast");
            assertThat(j.path("id").asText()).isEqualTo("chatcmpl-rid-42");
        });
        assertThat(json.getFirst()
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("role")
                        .asText())
                .isEqualTo("assistant");

        StringBuilder content = new StringBuilder();
        Map<Integer, StringBuilder> arguments = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, String> ids = new HashMap<>();
        List<String> finishReasons = new ArrayList<>();
        for (JsonNode j : json) {
            JsonNode choice = j.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            content.append(delta.path("content").asText(""));
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt();
                if (call.has("id")) {
                    ids.put(index, call.get("id").asText());
                    names.put(index, call.path("function").path("name").asText());
                }
                arguments
                        .computeIfAbsent(index, i -> new StringBuilder())
                        .append(call.path("function").path("arguments").asText(""));
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReasons.add(choice.get("finish_reason").asText());
            }
        }
        assertThat(content).hasToString("Let me check, Z\u00fcrich \u2600");
        assertThat(ids).containsExactly(Map.entry(0, "tooluse_w1"));
        assertThat(names).containsExactly(Map.entry(0, "get_weather"));
        assertThat(arguments.get(0)).hasToString("{\"city\": \"Z\u00fcrich\"}");
        assertThat(finishReasons).containsExactly("tool_calls");

        StreamChunk last = chunks.getLast();
        assertThat(last.usageOnly()).isTrue();
        assertThat(last.usage()).isEqualTo(new Usage(34, 12, 4, 0, 0));
        assertThat(JSON.readTree(last.data()).path("choices")).isEmpty();
        assertThat(JSON.readTree(last.data())
                        .path("usage")
                        .path("prompt_tokens")
                        .asLong())
                .isEqualTo(34);
        assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(StreamChunk::usageOnly);
        assertThat(String.join("", chunks.stream().map(StreamChunk::text).toList()))
                .isEqualTo("Let me check, Z\u00fcrich \u2600{\"city\": \"Z\u00fcrich\"}");
    }

    @Test
    void givenAFrameWithABadCrc_whenReading_thenTheStreamIsBroken() throws Exception {
        // given
        byte[] bad = event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"hi\"}}");
        bad[bad.length - 10] ^= 0x20;
        byte[] stream = concat(event("messageStart", "{\"role\":\"assistant\"}"), bad);
        server = new ScriptedHttpServer((r, out) -> eventStream(out, stream, 64));

        // when
        try (UpstreamChatResponse response = upstream.send(request(utf8(SIMPLE), true))) {
            assertThat(response.nextChunk()).isNotNull(); // the role

            // then
            assertThatThrownBy(response::nextChunk)
                    .isInstanceOfSatisfying(
                            UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN))
                    .hasMessageContaining("CRC");
        }
    }

    @Test
    void givenAnExceptionFrame_whenReading_thenTheStreamIsBrokenNamingTheException() throws Exception {
        // given
        byte[] stream = concat(
                event("messageStart", "{\"role\":\"assistant\"}"),
                EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many requests, slow down\"}"));
        server = new ScriptedHttpServer((r, out) -> eventStream(out, stream, 64));

        // when
        try (UpstreamChatResponse response = upstream.send(request(utf8(SIMPLE), true))) {
            assertThat(response.nextChunk()).isNotNull();

            // then
            assertThatThrownBy(response::nextChunk)
                    .isInstanceOfSatisfying(
                            UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN))
                    .hasMessageContaining("throttlingException")
                    .hasMessageContaining("Too many requests");
        }
    }

    @Test
    void givenAStreamEndingBeforeMessageStop_whenReading_thenItIsBroken() throws Exception {
        // given
        byte[] stream = concat(
                event("messageStart", "{\"role\":\"assistant\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"hal\"}}"));
        server = new ScriptedHttpServer((r, out) -> eventStream(out, stream, 64));

        // when
        try (UpstreamChatResponse response = upstream.send(request(utf8(SIMPLE), true))) {
            response.nextChunk();
            response.nextChunk();

            // then
            assertThatThrownBy(response::nextChunk)
                    .isInstanceOfSatisfying(
                            UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BROKEN))
                    .hasMessageContaining("messageStop");
        }
    }

    @Test
    void givenAnImageUrlAndAFetcher_whenSending_thenTheFetchedImageGoesInlineAndARefusedUrlIsTheClientsError()
            throws Exception {
        // given: a fetcher that serves one URL and refuses another, as the guarded fetcher would
        Function<String, InlineImage> fetcher = url -> {
            if (url.equals("https://images.example/cat.png")) {
                return new InlineImage("image/png", "iVBORw0KGgo=");
            }
            throw new IllegalArgumentException(
                    "the image URL points to a private network address and cannot be fetched");
        };
        BedrockChatUpstream withFetcher = new BedrockChatUpstream(
                new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 65_536), fetcher);
        String key = ACCESS_KEY + ":" + SECRET;
        String refusedBody = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"http://10.0.0.1/x.png\"}}]}]}";

        // when / then: the refused URL is the client's error and nothing is sent
        assertThatThrownBy(() -> withFetcher.send(request(
                        RelayEndpoint.CHAT_COMPLETIONS,
                        "http://127.0.0.1:9",
                        key,
                        Map.of("region", "us-east-1"),
                        utf8(refusedBody),
                        false,
                        null)))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.kind()).isEqualTo(UpstreamException.Kind.REFUSED))
                .hasMessageContaining("private network");
    }
}
