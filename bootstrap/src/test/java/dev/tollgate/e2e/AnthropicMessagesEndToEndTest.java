package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/messages} with the official Anthropic Java SDK, an OpenAI-type channel behind: the request is
 * converted to a chat completion, relayed and billed like any other, and the answer and its stream come back as
 * Anthropic's, tool use included.
 */
class AnthropicMessagesEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicClient client(String key) {
        return AnthropicOkHttpClient.builder()
                .apiKey(key)
                .baseUrl("http://127.0.0.1:" + port)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private String model(String prefix) {
        UPSTREAM.usage(12, 8);
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    private static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                                .build())
                        .required(List.of("city"))
                        .build())
                .build();
    }

    private JsonNode sentFor(String model) {
        return UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .reduce((a, b) -> b)
                .orElseThrow()
                .body();
    }

    @Test
    void givenTheAnthropicSdk_whenItSendsAMessage_thenTheAnswerIsAMessageAndItsUsageIsCharged() {
        // given
        String model = model("claude-style");
        JsonNode token = admin.createToken(Map.of("name", "anthropic", "quota", 500_000));

        // when
        Message message = client(token.get("key").asText())
                .messages()
                .create(MessageCreateParams.builder()
                        .model(model)
                        .maxTokens(100)
                        .system("Be brief.")
                        .addUserMessage("Say hello")
                        .build());

        // then: converted both ways; 12 × 1 + 8 × 2 = 28 units
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(12);
        assertThat(message.usage().outputTokens()).isEqualTo(8);
        JsonNode sent = sentFor(model);
        assertThat(sent.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(sent.get("messages").get(0).get("content").asText()).isEqualTo("Be brief.");
        assertThat(sent.get("max_tokens").asLong()).isEqualTo(100);
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(28);
    }

    @Test
    void givenTheAnthropicSdk_whenItStreams_thenTheAccumulatedMessageHasTheTextAndTheUsage() {
        // given
        String model = model("claude-stream");
        String key = admin.createToken(Map.of("name", "anthropic-stream", "quota", 500_000))
                .get("key")
                .asText();
        MessageAccumulator accumulator = MessageAccumulator.create();

        // when
        try (StreamResponse<RawMessageStreamEvent> stream = client(key)
                .messages()
                .createStreaming(MessageCreateParams.builder()
                        .model(model)
                        .maxTokens(100)
                        .addUserMessage("Say hello")
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        // then
        Message message = accumulator.message();
        assertThat(message.content().getFirst().text().orElseThrow().text()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(8);
    }

    @Test
    void givenATool_whenTheModelCallsIt_thenTheSdkSeesAToolUseBlockStreamedOrNot() {
        // given
        String model = model("claude-tools");
        String key = admin.createToken(Map.of("name", "anthropic-tools", "quota", 500_000))
                .get("key")
                .asText();
        MessageCreateParams params = MessageCreateParams.builder()
                .model(model)
                .maxTokens(200)
                .addTool(weatherTool())
                .addUserMessage("Weather in Paris?")
                .build();

        // when
        Message once = client(key).messages().create(params);
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client(key).messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();

        // then: the tool call's argument deltas are reassembled into the block's input
        for (Message m : List.of(once, streamed)) {
            ToolUseBlock use = m.content().stream()
                    .flatMap(b -> b.toolUse().stream())
                    .findFirst()
                    .orElseThrow();
            assertThat(use.name()).isEqualTo("get_weather");
            assertThat(use.id()).isEqualTo("call_1");
            assertThat(use._input().toString()).contains("Paris");
            assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        }
        JsonNode sent = sentFor(model);
        assertThat(sent.get("tools").get(0).get("function").get("name").asText())
                .isEqualTo("get_weather");
        assertThat(sent.get("tools")
                        .get(0)
                        .get("function")
                        .get("parameters")
                        .get("properties")
                        .has("city"))
                .isTrue();
    }

    @Test
    void givenAToolResult_whenSentBack_thenTheUpstreamGetsTheToolCallAndItsResultInOrder() throws Exception {
        // given
        String model = model("claude-tool-result");
        String key = admin.createToken(Map.of("name", "anthropic-result", "quota", 500_000))
                .get("key")
                .asText();
        String body = """
                {"model":"%s","max_tokens":100,"tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
                 "messages":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":[{"type":"text","text":"Let me look."},
                    {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},
                    {"type":"text","text":"Thanks"}]}]}""".formatted(model);

        // when
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                                .header("x-api-key", key)
                                .header("anthropic-version", "2023-06-01")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode messages = sentFor(model).get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.get(1).get("tool_calls").get(0).get("id").asText()).isEqualTo("toolu_1");
        assertThat(JSON.readTree(messages.get(1)
                                .get("tool_calls")
                                .get(0)
                                .get("function")
                                .get("arguments")
                                .asText())
                        .get("city")
                        .asText())
                .isEqualTo("Paris");
        assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).get("tool_call_id").asText()).isEqualTo("toolu_1");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("sunny");
        assertThat(messages.get(3).get("content").asText()).isEqualTo("Thanks");
    }

    @Test
    void givenAWrongKey_thenTheSdkGetsAnAnthropicAuthenticationError() {
        String model = model("claude-denied");

        assertThatThrownBy(() -> client("sk-not-a-key")
                        .messages()
                        .create(MessageCreateParams.builder()
                                .model(model)
                                .maxTokens(10)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void givenNoMaxTokens_then400InAnthropicsShape() throws Exception {
        String key = admin.createToken(Map.of("name", "anthropic-bad", "unlimitedQuota", true))
                .get("key")
                .asText();

        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/messages"))
                                .header("x-api-key", key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.get("error").get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("error").get("message").asText()).contains("max_tokens");
    }

    @Test
    void givenTheAnthropicSdk_whenItCountsTokens_thenTheInputIsCountedWithoutAnyUpstreamCallOrCharge() {
        // given
        String model = model("claude-count");
        JsonNode token = admin.createToken(Map.of("name", "anthropic-count", "quota", 500_000));
        int before = UPSTREAM.received().size();

        // when
        long counted = client(token.get("key").asText())
                .messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model(model)
                        .addUserMessage("Hello there, how are you today?")
                        .build())
                .inputTokens();

        // then
        assertThat(counted).isBetween(8L, 20L);
        assertThat(UPSTREAM.received()).hasSize(before);
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isZero();
    }
}
