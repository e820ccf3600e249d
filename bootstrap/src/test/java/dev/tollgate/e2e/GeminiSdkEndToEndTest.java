package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.ContentEmbedding;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Google's own Java SDK (google-genai, the Gemini Developer API with an API key) pointed at Tollgate: generating,
 * streaming, counting tokens, embedding and listing models, on an OpenAI-type channel behind; each billed call charged.
 */
class GeminiSdkEndToEndTest extends EndToEndTestBase {

    private Client client(String key) {
        return Client.builder()
                .apiKey(key)
                .httpOptions(HttpOptions.builder()
                        .baseUrl("http://127.0.0.1:" + port)
                        .apiVersion("v1beta")
                        .build())
                .build();
    }

    private String model(String prefix) {
        UPSTREAM.usage(12, 8);
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    private long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    @Test
    void givenTheGoogleSdk_whenGeneratingAndStreaming_thenTheAnswerAndItsUsageComeBackAndBothAreCharged()
            throws Exception {
        // given
        String model = model("genai-sdk");
        JsonNode token = admin.createToken(Map.of("name", "genai-sdk", "quota", 500_000));

        try (Client client = client(token.get("key").asText())) {
            // when
            GenerateContentResponse answer = client.models.generateContent(model, "Say hello", null);
            StringBuilder streamed = new StringBuilder();
            List<GenerateContentResponse> chunks = new ArrayList<>();
            try (ResponseStream<GenerateContentResponse> stream =
                    client.models.generateContentStream(model, "Say hello", null)) {
                for (GenerateContentResponse chunk : stream) {
                    chunks.add(chunk);
                    if (chunk.text() != null) {
                        streamed.append(chunk.text());
                    }
                }
            }

            // then: 12 + 8 tokens at 1 and 2 units per token, twice
            assertThat(answer.text()).isEqualTo(FakeOpenAiUpstream.REPLY);
            assertThat(answer.usageMetadata().orElseThrow().promptTokenCount()).contains(12);
            assertThat(answer.usageMetadata().orElseThrow().candidatesTokenCount())
                    .contains(8);
            assertThat(streamed.toString()).isEqualTo(FakeOpenAiUpstream.REPLY);
            assertThat(chunks).anySatisfy(c -> assertThat(c.usageMetadata()).isPresent());
            assertThat(used(token)).isEqualTo(2 * (12 + 2 * 8));
        }
    }

    @Test
    void givenTheGoogleSdk_whenCountingEmbeddingAndListing_thenGooglesShapesComeBackAndOnlyTheEmbeddingIsCharged()
            throws Exception {
        // given
        String model = model("genai-sdk-tools");
        JsonNode token =
                admin.createToken(Map.of("name", "genai-sdk-tools", "quota", 500_000, "models", List.of(model)));

        try (Client client = client(token.get("key").asText())) {
            // when
            int counted = client.models
                    .countTokens(model, "Say hello to the world", null)
                    .totalTokens()
                    .orElseThrow();
            long afterCount = used(token);
            List<ContentEmbedding> embeddings = client.models
                    .embedContent(model, "Hello world", null)
                    .embeddings()
                    .orElseThrow();
            List<String> listed = new ArrayList<>();
            for (Model m : client.models.list(ListModelsConfig.builder().build())) {
                listed.add(m.name().orElseThrow());
            }

            // then
            assertThat(counted).isPositive();
            assertThat(afterCount).isZero();
            assertThat(embeddings).hasSize(1);
            assertThat(embeddings.get(0).values().orElseThrow()).containsExactly(0.25f, -0.5f, 0.125f);
            assertThat(used(token)).isPositive();
            assertThat(listed).containsExactly("models/" + model);
        }
    }

    @Test
    void givenAWrongKey_whenTheGoogleSdkGenerates_thenItRaisesGooglesClientErrorAndNothingIsSentUpstream() {
        // given
        String model = model("genai-sdk-refused");
        int before = UPSTREAM.received().size();

        try (Client client = client("sk-not-a-tollgate-key")) {
            // when / then
            assertThatThrownBy(() -> client.models.generateContent(model, "Say hello", null))
                    .isInstanceOf(ClientException.class)
                    .satisfies(e -> assertThat(((ClientException) e).code()).isIn(401, 403));
        }
        assertThat(UPSTREAM.received().stream()
                        .skip(before)
                        .filter(r -> model.equals(r.body().path("model").asText())))
                .isEmpty();
    }
}
