package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gemini's API in ({@code /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}), an
 * OpenAI-type channel behind: converted, relayed and billed like any chat completion, answered in Gemini's shapes.
 */
class GeminiInboundEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private String model(String prefix) {
        UPSTREAM.usage(12, 8);
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    private HttpResponse<String> post(String pathAndQuery, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode sentFor(String model) {
        return UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .reduce((a, b) -> b)
                .orElseThrow()
                .body();
    }

    private static final String HELLO = """
            {"systemInstruction":{"parts":[{"text":"Be brief."}]},
             "contents":[{"role":"user","parts":[{"text":"Say hello"}]}],
             "generationConfig":{"maxOutputTokens":100,"temperature":0.2}}""";

    @Test
    void givenGenerateContent_thenAGeminiResponseWithUsageComesBackAndItIsCharged() throws Exception {
        // given
        String model = model("gemini-style");
        JsonNode token = admin.createToken(Map.of("name", "gemini", "quota", 500_000));

        // when
        HttpResponse<String> r = post(
                "/v1beta/models/" + model + ":generateContent",
                Map.of("x-goog-api-key", token.get("key").asText()),
                HELLO);

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        JsonNode candidate = answer.get("candidates").get(0);
        assertThat(candidate.get("content").get("role").asText()).isEqualTo("model");
        assertThat(candidate.get("content").get("parts").get(0).get("text").asText())
                .isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(candidate.get("finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.get("usageMetadata").get("promptTokenCount").asLong()).isEqualTo(12);
        assertThat(answer.get("usageMetadata").get("candidatesTokenCount").asLong())
                .isEqualTo(8);
        JsonNode sent = sentFor(model);
        assertThat(sent.get("messages").get(0).get("content").asText()).isEqualTo("Be brief.");
        assertThat(sent.get("max_tokens").asLong()).isEqualTo(100);
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(28);
    }

    @Test
    void givenStreamGenerateContentWithAltSse_thenEachDataLineIsAResponseAndTheLastCarriesUsage() throws Exception {
        // given: the key as ?key=, as Google's REST examples do
        String model = model("gemini-stream");
        String key = admin.createToken(Map.of("name", "gemini-stream", "quota", 500_000))
                .get("key")
                .asText();

        // when
        HttpResponse<String> r =
                post("/v1beta/models/" + model + ":streamGenerateContent?alt=sse&key=" + key, Map.of(), HELLO);

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        StringBuilder text = new StringBuilder();
        events.forEach(e -> e.path("candidates")
                .path(0)
                .path("content")
                .path("parts")
                .forEach(p -> text.append(p.path("text").asText(""))));
        assertThat(text.toString()).isEqualTo(FakeOpenAiUpstream.REPLY);
        JsonNode last = events.getLast();
        assertThat(last.get("candidates").get(0).get("finishReason").asText()).isEqualTo("STOP");
        assertThat(last.get("usageMetadata").get("candidatesTokenCount").asLong())
                .isEqualTo(8);
        assertThat(r.body()).doesNotContain("[DONE]");
    }

    @Test
    void givenFunctionDeclarations_thenTheFunctionCallComesBackWholeStreamedOrNot() throws Exception {
        // given
        String model = model("gemini-tools");
        String key = admin.createToken(Map.of("name", "gemini-tools", "quota", 500_000))
                .get("key")
                .asText();
        String body = """
                {"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]}],
                 "tools":[{"functionDeclarations":[{"name":"get_weather","description":"weather",
                   "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}}]}]}""";

        // when
        JsonNode once =
                JSON.readTree(post("/v1beta/models/" + model + ":generateContent", Map.of("x-goog-api-key", key), body)
                        .body());
        String streamed = post(
                        "/v1beta/models/" + model + ":streamGenerateContent?alt=sse",
                        Map.of("x-goog-api-key", key),
                        body)
                .body();

        // then
        JsonNode call =
                once.get("candidates").get(0).get("content").get("parts").get(0).get("functionCall");
        assertThat(call.get("name").asText()).isEqualTo("get_weather");
        assertThat(call.get("args").get("city").asText()).isEqualTo("Paris");
        String lastLine = streamed.lines()
                .filter(l -> l.startsWith("data: "))
                .reduce((a, b) -> b)
                .orElseThrow();
        JsonNode streamedCall = JSON.readTree(lastLine.substring(6))
                .get("candidates")
                .get(0)
                .get("content")
                .get("parts")
                .get(0)
                .get("functionCall");
        assertThat(streamedCall.get("args").get("city").asText()).isEqualTo("Paris");
        assertThat(sentFor(model)
                        .get("tools")
                        .get(0)
                        .get("function")
                        .get("parameters")
                        .get("type")
                        .asText())
                .isEqualTo("object");
    }

    @Test
    void givenAFunctionResponse_thenTheUpstreamGetsTheCallAndItsResultMatchedByName() throws Exception {
        // given
        String model = model("gemini-result");
        String key = admin.createToken(Map.of("name", "gemini-result", "quota", 500_000))
                .get("key")
                .asText();
        String body = """
                {"contents":[{"role":"user","parts":[{"text":"Weather in Paris?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"sunny"}}}]}],
                 "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT"}}]}]}""";

        // when
        HttpResponse<String> r =
                post("/v1beta/models/" + model + ":generateContent", Map.of("x-goog-api-key", key), body);

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode messages = sentFor(model).get("messages");
        String id = messages.get(1).get("tool_calls").get(0).get("id").asText();
        assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).get("tool_call_id").asText()).isEqualTo(id);
        assertThat(messages.get(2).get("content").asText()).isEqualTo("sunny");
    }

    @Test
    void givenAWrongKeyOrNoContents_thenGooglesErrorShape() throws Exception {
        String model = model("gemini-errors");
        String key = admin.createToken(Map.of("name", "gemini-errors", "unlimitedQuota", true))
                .get("key")
                .asText();

        HttpResponse<String> wrongKey =
                post("/v1beta/models/" + model + ":generateContent", Map.of("x-goog-api-key", "not-a-key"), HELLO);
        HttpResponse<String> noKey = post("/v1beta/models/" + model + ":generateContent", Map.of(), HELLO);
        HttpResponse<String> noContents =
                post("/v1beta/models/" + model + ":generateContent", Map.of("x-goog-api-key", key), "{}");

        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongKey.body()).get("error").get("status").asText())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noKey.body()).get("error").get("code").asInt()).isEqualTo(401);
        assertThat(noContents.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noContents.body()).get("error").get("status").asText())
                .isEqualTo("INVALID_ARGUMENT");
    }
}
