package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An Anthropic client ({@code POST /v1/messages}, the official Java SDK) on a Claude model behind a {@code vertex}
 * or {@code aws-bedrock} channel: its Messages request reaches the platform in Anthropic's own format
 * ({@code rawPredict}/{@code streamRawPredict}, {@code invoke}/{@code invoke-with-response-stream}), with
 * {@code cache_control} and the thinking configuration as the client sent them, and thinking blocks, signatures and
 * cache usage come back unchanged; the usage is charged.
 */
class AnthropicOnCloudPlatformsEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE =
            "{\"input_tokens\":10,\"cache_creation_input_tokens\":20,\"cache_read_input_tokens\":100,\"output_tokens\":8}";
    private static final List<String> STREAM_EVENTS = List.of(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_s\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"upstream\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":20,"
                    + "\"cache_read_input_tokens\":100,\"output_tokens\":1}}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\","
                    + "\"signature\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\","
                    + "\"thinking\":\"Let me think.\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\","
                    + "\"signature\":\"sig-abc\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\","
                    + "\"text\":\"Hello from Claude\"}}",
            "{\"type\":\"content_block_stop\",\"index\":1}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":8}}",
            "{\"type\":\"message_stop\"}");

    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private HttpServer fake;

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.stop(0);
        }
    }

    private static String message(String model) {
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
                + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"sig-abc\"},"
                + "{\"type\":\"text\",\"text\":\"Hello from Claude\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":" + USAGE + "}";
    }

    /** A fake platform: the token endpoint, and every other path answered by {@code answer}. */
    private String startFake(Answer answer) throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            try (exchange) {
                byte[] request = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getRawPath();
                if (path.equals("/token")) {
                    send(exchange, "application/json", "{\"access_token\":\"ya29.t\",\"expires_in\":3600}".getBytes());
                    return;
                }
                paths.add(path);
                bodies.add(JSON.readTree(request));
                answer.answer(exchange, path);
            }
        });
        fake.start();
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    private interface Answer {
        void answer(HttpExchange exchange, String path) throws IOException;
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] sse() {
        StringBuilder out = new StringBuilder();
        for (String event : STREAM_EVENTS) {
            String type = event.substring(9, event.indexOf('"', 9));
            out.append("event: ").append(type).append("\ndata: ").append(event).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Bedrock's stream: each event base64-encoded in the {@code bytes} of a {@code chunk} event-stream frame. */
    private static byte[] eventStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String event : STREAM_EVENTS) {
            String payload = "{\"bytes\":\""
                    + Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8)) + "\",\"p\":\"abc\"}";
            out.writeBytes(frame(
                    Map.of(":event-type", "chunk", ":content-type", "application/json", ":message-type", "event"),
                    payload.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toByteArray();
    }

    private static byte[] frame(Map<String, String> headers, byte[] payload) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            h.write(n.length);
            h.writeBytes(n);
            h.write(7);
            h.write(v.length >> 8);
            h.write(v.length & 0xff);
            h.writeBytes(v);
        });
        byte[] headerBytes = h.toByteArray();
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(headerBytes.length);
        b.putInt(crc(b.array(), 8));
        b.put(headerBytes).put(payload);
        b.putInt(crc(b.array(), total - 4));
        return b.array();
    }

    private static int crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    private String vertexChannel(String base) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String serviceAccount = JSON.writeValueAsString(Map.of(
                "type", "service_account",
                "project_id", "p1",
                "private_key_id", "k1",
                "private_key", pem,
                "client_email", "e2e@p1.iam.gserviceaccount.com",
                "token_uri", base + "/token"));
        String model = uniqueModel("claude-on-vertex");
        AdminApi.Reply channel = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "vertex-" + model,
                        "type",
                        "vertex",
                        "baseUrl",
                        base,
                        "keys",
                        List.of(serviceAccount),
                        "models",
                        List.of(model),
                        "options",
                        Map.of("location", "us-central1")));
        assertThat(channel.status()).as(channel.raw().body()).isEqualTo(201);
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    private String bedrockChannel(String base) {
        String model = uniqueModel("claude-on-bedrock");
        AdminApi.Reply channel = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name", "bedrock-" + model,
                        "type", "aws-bedrock",
                        "baseUrl", base,
                        "keys", List.of("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                        "models", List.of(model),
                        "modelMapping", Map.of(model, "anthropic.claude-sonnet-4-20250514-v1:0"),
                        "options", Map.of("region", "us-east-1")));
        assertThat(channel.status()).as(channel.raw().body()).isEqualTo(201);
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    private AnthropicClient client(JsonNode token) {
        return AnthropicOkHttpClient.builder()
                .apiKey(token.get("key").asText())
                .baseUrl("http://127.0.0.1:" + port)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(2048)
                .enabledThinking(1024)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text("A long shared context.")
                        .cacheControl(CacheControlEphemeral.builder().build())
                        .build()))
                .addUserMessage("Say hello")
                .build();
    }

    private long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    /** What every platform must receive: the client's fields as sent, its platform's version, no model. */
    private void assertSentAsAnthropic(JsonNode sent, String version) {
        assertThat(sent.get("anthropic_version").asText()).isEqualTo(version);
        assertThat(sent.has("model")).isFalse();
        assertThat(sent.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(sent.at("/thinking/budget_tokens").asLong()).isEqualTo(1024);
        assertThat(sent.get("max_tokens").asLong()).isEqualTo(2048);
        assertThat(sent.at("/messages/0/content").toString()).contains("Say hello");
    }

    private static void assertThinkingAndText(List<ContentBlock> content) {
        assertThat(content).hasSize(2);
        assertThat(content.get(0).asThinking().thinking()).isEqualTo("Let me think.");
        assertThat(content.get(0).asThinking().signature()).isEqualTo("sig-abc");
        assertThat(content.get(1).asText().text()).isEqualTo("Hello from Claude");
    }

    @Test
    void givenAClaudeModelOnVertex_whenTheAnthropicSdkSendsAMessage_thenItIsRawPredictedAsIsAndComesBackUnchanged()
            throws Exception {
        // given
        String model = vertexChannel(startFake((exchange, path) -> send(
                exchange,
                "application/json",
                message("claude-sonnet-4@20250514").getBytes(StandardCharsets.UTF_8))));
        JsonNode token = admin.createToken(Map.of("name", "vertex-claude", "quota", 500_000));

        // when
        Message message = client(token).messages().create(params(model));

        // then
        assertThat(paths)
                .containsExactly(
                        "/v1/projects/p1/locations/us-central1/publishers/anthropic/models/" + model + ":rawPredict");
        assertSentAsAnthropic(bodies.getFirst(), "vertex-2023-10-16");
        assertThat(bodies.getFirst().has("stream")).isFalse();
        assertThinkingAndText(message.content());
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4@20250514");
        assertThat(message.usage().cacheReadInputTokens()).contains(100L);
        assertThat(message.usage().cacheCreationInputTokens()).contains(20L);
        // Claude defaults: cache reads at 0.1 × input, cache writes at 1.25 × input;
        // 10 × 1 + 20 × 1.25 + 100 × 0.1 + 8 × 2 = 61 units
        assertThat(used(token)).isEqualTo(61);
    }

    @Test
    void givenAClaudeModelOnVertex_whenTheAnthropicSdkStreams_thenStreamRawPredictEventsPassThroughUnchanged()
            throws Exception {
        // given
        String model = vertexChannel(startFake((exchange, path) -> send(exchange, "text/event-stream", sse())));
        JsonNode token = admin.createToken(Map.of("name", "vertex-claude-stream", "quota", 500_000));
        MessageAccumulator accumulator = MessageAccumulator.create();

        // when
        try (StreamResponse<RawMessageStreamEvent> stream =
                client(token).messages().createStreaming(params(model))) {
            stream.stream().forEach(accumulator::accumulate);
        }

        // then
        assertThat(paths)
                .containsExactly("/v1/projects/p1/locations/us-central1/publishers/anthropic/models/" + model
                        + ":streamRawPredict");
        assertSentAsAnthropic(bodies.getFirst(), "vertex-2023-10-16");
        assertThat(bodies.getFirst().get("stream").asBoolean()).isTrue();
        Message message = accumulator.message();
        assertThinkingAndText(message.content());
        assertThat(message.usage().cacheReadInputTokens()).contains(100L);
        assertThat(used(token)).isEqualTo(61);
    }

    @Test
    void givenAClaudeModelOnBedrock_whenTheAnthropicSdkSendsAMessage_thenItIsInvokedAsIsWithTheModelNameRestored()
            throws Exception {
        // given
        String model = bedrockChannel(startFake((exchange, path) -> send(
                exchange,
                "application/json",
                message("anthropic.claude-sonnet-4-20250514-v1:0").getBytes(StandardCharsets.UTF_8))));
        JsonNode token = admin.createToken(Map.of("name", "bedrock-claude", "quota", 500_000));

        // when
        Message message = client(token).messages().create(params(model));

        // then
        assertThat(paths).containsExactly("/model/anthropic.claude-sonnet-4-20250514-v1%3A0/invoke");
        assertSentAsAnthropic(bodies.getFirst(), "bedrock-2023-05-31");
        assertThat(bodies.getFirst().has("stream")).isFalse();
        assertThinkingAndText(message.content());
        assertThat(message.model().asString()).isEqualTo(model);
        assertThat(message.usage().cacheCreationInputTokens()).contains(20L);
        assertThat(used(token)).isEqualTo(61);
    }

    @Test
    void givenAClaudeModelOnBedrock_whenTheAnthropicSdkStreams_thenTheEventStreamChunksBecomeAnthropicEvents()
            throws Exception {
        // given
        String model = bedrockChannel(
                startFake((exchange, path) -> send(exchange, "application/vnd.amazon.eventstream", eventStream())));
        JsonNode token = admin.createToken(Map.of("name", "bedrock-claude-stream", "quota", 500_000));
        MessageAccumulator accumulator = MessageAccumulator.create();

        // when
        try (StreamResponse<RawMessageStreamEvent> stream =
                client(token).messages().createStreaming(params(model))) {
            stream.stream().forEach(accumulator::accumulate);
        }

        // then
        assertThat(paths)
                .containsExactly("/model/anthropic.claude-sonnet-4-20250514-v1%3A0/invoke-with-response-stream");
        assertSentAsAnthropic(bodies.getFirst(), "bedrock-2023-05-31");
        assertThat(bodies.getFirst().has("stream")).isFalse();
        Message message = accumulator.message();
        assertThinkingAndText(message.content());
        assertThat(message.model().asString()).isEqualTo(model);
        assertThat(message.usage().cacheReadInputTokens()).contains(100L);
        assertThat(used(token)).isEqualTo(61);
    }
}
