package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Channels of the {@code anthropic} and {@code gemini} types behind the OpenAI API: the official OpenAI Java SDK
 * chats (answer and stream) through a fake Anthropic and a fake Gemini that answer in their own formats; the request
 * each receives is checked, and the usage they report is what is charged.
 */
class ProtocolChannelsEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Seen(String path, String query, Map<String, List<String>> headers, JsonNode body, byte[] raw) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFakes() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopFakes() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = JSON.readTree(raw);
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(
                    path, exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body, raw));
            if (path.equals("/v1/messages")) {
                anthropic(exchange, body);
            } else if (path.endsWith(":generateContent")) {
                json(exchange, GEMINI_RESPONSE);
            } else if (path.endsWith(":streamGenerateContent")) {
                sse(exchange, GEMINI_EVENTS);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    static final String GEMINI_RESPONSE = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello from fake"}]},
             "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":8,"totalTokenCount":20},
             "modelVersion":"gemini-fake"}""";

    static final List<String> GEMINI_EVENTS = List.of(
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},"
                    + "\"index\":0}]}\n\n",
            "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\" from fake\"}]},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
                    + "\"candidatesTokenCount\":8,\"totalTokenCount\":20}}\n\n");

    static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_fake","type":"message","role":"assistant","model":"claude-fake",
             "content":[{"type":"text","text":"Hello from fake"}],"stop_reason":"end_turn",
             "stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":8,"cache_read_input_tokens":0}}""";

    static final List<String> ANTHROPIC_EVENTS = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"model\":\"claude-fake\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: ping\ndata: {\"type\":\"ping\"}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\" from fake\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":8}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    private static void anthropic(HttpExchange exchange, JsonNode body) throws IOException {
        if (!body.path("stream").asBoolean(false)) {
            json(exchange, ANTHROPIC_MESSAGE);
            return;
        }
        sse(exchange, ANTHROPIC_EVENTS);
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sse(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String e : events) {
            out.write(e.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private String channel(String type, String model) {
        AdminApi.Reply r = admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        type + "-" + model,
                        "type",
                        type,
                        "baseUrl",
                        base(),
                        "keys",
                        List.of("sk-" + type + "-upstream"),
                        "models",
                        List.of(model)));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        admin.setPrice(model, 1_000_000, 2_000_000);
        return r.json().get("id").asText();
    }

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(relayBase())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage("Be brief.")
                .addUserMessage("Say hello")
                .maxCompletionTokens(100)
                .build();
    }

    private String streamed(OpenAIClient client, String model) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(hello(model).toBuilder()
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream()
                    .forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        return text.toString();
    }

    @Test
    void givenAnAnthropicChannel_whenTheOpenAiSdkChats_thenTheMessagesApiIsCalledAndItsUsageCharged() {
        // given
        String model = uniqueModel("anthropic-channel");
        channel("anthropic", model);
        JsonNode token = admin.createToken(Map.of("name", "oa-to-anthropic", "quota", 500_000));

        // when
        ChatCompletion completion =
                openAi(token.get("key").asText()).chat().completions().create(hello(model));
        String text = streamed(openAi(token.get("key").asText()), model);

        // then
        assertThat(completion.choices().getFirst().message().content()).contains("Hello from fake");
        assertThat(completion.model()).isEqualTo(model);
        assertThat(text).isEqualTo("Hello from fake");
        Seen first = seen.getFirst();
        assertThat(first.path()).isEqualTo("/v1/messages");
        assertThat(first.header("x-api-key")).isEqualTo("sk-anthropic-upstream");
        assertThat(first.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(first.header("Authorization")).isNull();
        assertThat(first.body().get("system").toString()).contains("Be brief.");
        assertThat(first.body().get("max_tokens").asLong()).isEqualTo(100);
        // both requests: 12 × 1 + 8 × 2 = 28 units each
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(56);
    }

    @Test
    void givenAGeminiChannel_whenTheOpenAiSdkChats_thenGenerateContentIsCalledAndItsUsageCharged() {
        // given
        String model = uniqueModel("gemini-channel");
        channel("gemini", model);
        JsonNode token = admin.createToken(Map.of("name", "oa-to-gemini", "quota", 500_000));

        // when
        ChatCompletion completion =
                openAi(token.get("key").asText()).chat().completions().create(hello(model));
        String text = streamed(openAi(token.get("key").asText()), model);

        // then
        assertThat(completion.choices().getFirst().message().content()).contains("Hello from fake");
        assertThat(text).isEqualTo("Hello from fake");
        assertThat(seen.get(0).path()).isEqualTo("/v1beta/models/" + model + ":generateContent");
        assertThat(seen.get(1).path()).isEqualTo("/v1beta/models/" + model + ":streamGenerateContent");
        assertThat(seen.get(1).query()).isEqualTo("alt=sse");
        assertThat(seen.get(0).header("x-goog-api-key")).isEqualTo("sk-gemini-upstream");
        assertThat(seen.get(0).body().get("systemInstruction").toString()).contains("Be brief.");
        assertThat(seen.get(0)
                        .body()
                        .get("generationConfig")
                        .get("maxOutputTokens")
                        .asLong())
                .isEqualTo(100);
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(56);
    }

    @Test
    void givenAnAnthropicChannel_whenTheAnthropicSdkSendsAMessage_thenItArrivesThroughTheGateway() {
        // given
        String model = uniqueModel("anthropic-both-ends");
        channel("anthropic", model);
        String key = admin.createToken(Map.of("name", "anthropic-both", "quota", 500_000))
                .get("key")
                .asText();

        // when
        Message message = AnthropicOkHttpClient.builder()
                .apiKey(key)
                .baseUrl("http://127.0.0.1:" + port)
                .maxRetries(0)
                .build()
                .messages()
                .create(MessageCreateParams.builder()
                        .model(model)
                        .maxTokens(50)
                        .addUserMessage("Say hello")
                        .build());

        // then
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo("Hello from fake");
        assertThat(seen.getFirst().body().get("max_tokens").asLong()).isEqualTo(50);
    }

    @Test
    void givenAnAnthropicChannel_whenAnAnthropicClientSendsAMessage_thenRequestAndAnswerPassThroughByteForByte()
            throws Exception {
        // given: a request with fields OpenAI's chat API has no place for (top_k, thinking, cache_control)
        String model = uniqueModel("anthropic-native");
        channel("anthropic", model);
        JsonNode token = admin.createToken(Map.of("name", "anthropic-native", "quota", 500_000));
        String key = token.get("key").asText();
        String request = "{\"model\": \"" + model + "\", \"max_tokens\": 64, \"top_k\": 5,\n"
                + " \"thinking\": {\"type\": \"enabled\", \"budget_tokens\": 1024},\n"
                + " \"system\": [{\"type\": \"text\", \"text\": \"Be brief.\", \"cache_control\": {\"type\": \"ephemeral\"}}],\n"
                + " \"messages\": [{\"role\": \"user\", \"content\": \"Say hello\"}]}";
        String streamRequest = request.replace("\"top_k\": 5,", "\"top_k\": 5, \"stream\": true,");
        HttpClient http = HttpClient.newHttpClient();

        // when
        HttpResponse<String> once = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                        .header("x-api-key", key)
                        .header("anthropic-version", "2023-06-01")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> streamed = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                        .header("x-api-key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(streamRequest))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then: the provider got exactly the client's bytes, and the client exactly the provider's
        assertThat(new String(seen.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo(request);
        assertThat(new String(seen.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(streamRequest);
        assertThat(once.statusCode()).isEqualTo(200);
        assertThat(once.body()).isEqualTo(ANTHROPIC_MESSAGE);
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).isEqualTo(String.join("", ANTHROPIC_EVENTS));
        // and both were billed from the provider's usage: 2 × (12 × 1 + 8 × 2)
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(56);
    }

    @Test
    void givenAGeminiChannel_whenAnImageUrlPointsIntoThePrivateNetwork_then400AndNothingIsFetchedOrSent()
            throws Exception {
        // given: Gemini needs images inline, so Tollgate would have to fetch this one itself
        String model = uniqueModel("gemini-ssrf");
        channel("gemini", model);
        String key = admin.createToken(Map.of("name", "ssrf", "quota", 500_000))
                .get("key")
                .asText();
        List<String> targets = List.of(
                "http://127.0.0.1:" + port + "/api/status",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/cat.png",
                "http://[::1]/x.png");

        for (String url : targets) {
            // when
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                    .header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                            + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                                            + "\"text\":\"what is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                                            + url + "\"}}]}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(r.statusCode()).as(url).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").get("message").asText())
                    .as(url)
                    .contains("image URL");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void givenAGeminiChannel_whenAGeminiClientCalls_thenRequestAndAnswerPassThroughByteForByte() throws Exception {
        // given: fields OpenAI's chat API has no place for (safetySettings, topK)
        String model = uniqueModel("gemini-native");
        channel("gemini", model);
        JsonNode token = admin.createToken(Map.of("name", "gemini-native", "quota", 500_000));
        String key = token.get("key").asText();
        String request = "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Say hello\"}]}],\n"
                + " \"safetySettings\": [{\"category\": \"HARM_CATEGORY_HARASSMENT\", \"threshold\": \"BLOCK_NONE\"}],\n"
                + " \"generationConfig\": {\"topK\": 3, \"maxOutputTokens\": 64}}";
        HttpClient http = HttpClient.newHttpClient();

        // when
        HttpResponse<String> once = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1beta/models/" + model + ":generateContent"))
                        .header("x-goog-api-key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> streamed = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1beta/models/" + model
                                + ":streamGenerateContent?alt=sse"))
                        .header("x-goog-api-key", key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(new String(seen.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo(request);
        assertThat(new String(seen.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(request);
        assertThat(seen.get(1).path()).endsWith(":streamGenerateContent");
        assertThat(once.body()).isEqualTo(GEMINI_RESPONSE);
        assertThat(streamed.body()).isEqualTo(String.join("", GEMINI_EVENTS));
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(56);
    }

    @Test
    void givenAnImageInAnOpenAiChat_whenServedByAnAnthropicChannel_thenItArrivesAsAnImageBlock() throws Exception {
        // given
        String model = uniqueModel("anthropic-image");
        channel("anthropic", model);
        String key = admin.createToken(Map.of("name", "image", "quota", 500_000))
                .get("key")
                .asText();
        String png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

        // when
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                        + "\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                                        + "\"what is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
                                        + "\"data:image/png;base64," + png + "\"}}]}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode content = seen.getFirst().body().get("messages").get(0).get("content");
        JsonNode image = null;
        for (JsonNode block : content) {
            if ("image".equals(block.path("type").asText())) {
                image = block;
            }
        }
        assertThat(image).isNotNull();
        assertThat(image.get("source").get("type").asText()).isEqualTo("base64");
        assertThat(image.get("source").get("media_type").asText()).isEqualTo("image/png");
        assertThat(image.get("source").get("data").asText()).isEqualTo(png);
    }
}
