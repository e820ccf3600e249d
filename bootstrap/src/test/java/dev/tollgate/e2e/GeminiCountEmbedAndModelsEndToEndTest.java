package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gemini's API in, besides generating: {@code :countTokens}, {@code :embedContent}, {@code :batchEmbedContents},
 * {@code GET /v1beta/models} and {@code GET /v1beta/models/{model}}, in the wire shapes of Google's SDKs
 * ({@code @google/genai}, google-genai), an OpenAI-type channel behind.
 */
class GeminiCountEmbedAndModelsEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private String model(String prefix) {
        UPSTREAM.usage(12, 8);
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("x-goog-api-key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (key != null) {
            b.header("x-goog-api-key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    private List<JsonNode> sentFor(String model) {
        return UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .map(FakeOpenAiUpstream.Received::body)
                .toList();
    }

    @Test
    void givenCountTokens_whenAskedInEitherShape_thenTheSameCountComesBackFreeAndNothingIsSentUpstream()
            throws Exception {
        // given
        String model = model("gemini-count");
        JsonNode token = admin.createToken(Map.of("name", "gemini-count", "quota", 500_000));
        String contents = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello to the world\"}]}]}";

        // when
        HttpResponse<String> plain = post(
                "/v1beta/models/" + model + ":countTokens", token.get("key").asText(), contents);
        HttpResponse<String> wrapped = post(
                "/v1beta/models/" + model + ":countTokens",
                token.get("key").asText(),
                "{\"generateContentRequest\":{\"model\":\"models/" + model + "\"," + contents.substring(1) + "}");

        // then
        assertThat(plain.statusCode()).isEqualTo(200);
        long total = JSON.readTree(plain.body()).get("totalTokens").asLong();
        assertThat(total).isBetween(5L, 30L);
        assertThat(JSON.readTree(wrapped.body()).get("totalTokens").asLong()).isEqualTo(total);
        assertThat(sentFor(model)).isEmpty();
        assertThat(used(token)).isZero();
    }

    @Test
    void givenEmbedContent_whenSent_thenRelayedAsOpenAiEmbeddingsChargedAndAnsweredInGeminisShape() throws Exception {
        // given
        String model = model("gemini-embed");
        JsonNode token = admin.createToken(Map.of("name", "gemini-embed", "quota", 500_000));

        // when
        HttpResponse<String> r = post(
                "/v1beta/models/" + model + ":embedContent",
                token.get("key").asText(),
                "{\"model\":\"models/" + model + "\",\"content\":{\"parts\":[{\"text\":\"Hello world\"}]},"
                        + "\"taskType\":\"RETRIEVAL_DOCUMENT\",\"outputDimensionality\":3}");

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"embedding\":{\"values\":[0.25,-0.5,0.125]}}"));
        JsonNode sent = sentFor(model).getLast();
        assertThat(sent)
                .isEqualTo(JSON.readTree(
                        "{\"model\":\"" + model + "\",\"input\":[\"Hello world\"]," + "\"dimensions\":3}"));
        assertThat(used(token)).isEqualTo(12); // 12 input tokens at 1 unit
    }

    @Test
    void givenBatchEmbedContents_whenSent_thenEveryTextGoesInOneRequestAndTheVectorsComeBackAsEmbeddings()
            throws Exception {
        // given
        String model = model("gemini-batch");
        JsonNode token = admin.createToken(Map.of("name", "gemini-batch", "quota", 500_000));

        // when
        HttpResponse<String> r = post(
                "/v1beta/models/" + model + ":batchEmbedContents",
                token.get("key").asText(),
                "{\"requests\":[{\"model\":\"models/" + model + "\",\"content\":{\"parts\":[{\"text\":\"first\"}]}},"
                        + "{\"model\":\"models/" + model + "\",\"content\":{\"parts\":[{\"text\":\"second\"},"
                        + "{\"text\":\"part\"}]}}]}");

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body())
                        .get("embeddings")
                        .get(0)
                        .get("values")
                        .toString())
                .isEqualTo("[0.25,-0.5,0.125]");
        assertThat(sentFor(model).getLast().get("input").toString()).isEqualTo("[\"first\",\"second\\npart\"]");
        assertThat(used(token)).isEqualTo(12);
    }

    @Test
    void givenAnEmbedRequestWithoutText_whenSent_thenGooglesInvalidArgumentAndNothingCharged() throws Exception {
        // given
        String model = model("gemini-embed-bad");
        JsonNode token = admin.createToken(Map.of("name", "gemini-embed-bad", "quota", 500_000));

        // when
        HttpResponse<String> r = post(
                "/v1beta/models/" + model + ":embedContent",
                token.get("key").asText(),
                "{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}}");
        HttpResponse<String> noKey =
                post("/v1beta/models/" + model + ":embedContent", "sk-wrong", "{\"content\":{\"parts\":[]}}");

        // then
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").get("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noKey.body()).get("error").get("status").asText())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(sentFor(model)).isEmpty();
        assertThat(used(token)).isZero();
    }

    @Test
    void givenAKeyLimitedToOneModel_whenListingModels_thenOnlyItComesBackInGeminisShape() throws Exception {
        // given
        String allowed = model("gemini-list");
        String other = model("gemini-hidden");
        String key = admin.createToken(Map.of("name", "gemini-list", "quota", 1000, "models", List.of(allowed)))
                .get("key")
                .asText();

        // when
        HttpResponse<String> list = get("/v1beta/models", key);
        HttpResponse<String> one = get("/v1beta/models/" + allowed, key);
        HttpResponse<String> hidden = get("/v1beta/models/" + other, key);
        HttpResponse<String> noKey = get("/v1beta/models", null);

        // then
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode models = JSON.readTree(list.body()).get("models");
        assertThat(models).hasSize(1);
        assertThat(models.get(0).get("name").asText()).isEqualTo("models/" + allowed);
        assertThat(models.get(0).get("supportedGenerationMethods").toString())
                .contains("generateContent", "countTokens", "embedContent");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("name").asText()).isEqualTo("models/" + allowed);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(hidden.body()).get("error").get("status").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noKey.body()).get("error").get("status").asText())
                .isEqualTo("UNAUTHENTICATED");
    }
}
