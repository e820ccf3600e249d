package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/responses}, OpenAI's Responses API, with the official Java SDK: answer, stream and billing. */
class ResponsesEndToEndTest extends EndToEndTestBase {

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(relayBase())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private String model(String prefix, Map<String, String> mapping) {
        UPSTREAM.usage(12, 8); // the shared fake may have been told otherwise by an earlier test
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, mapping);
        admin.setPrice(model, 1_000_000, 2_000_000);
        return model;
    }

    @Test
    void givenTheSdk_whenItCreatesAResponse_thenTheAnswerArrivesAndItsUsageIsCharged() {
        // given
        String model = model("responses", Map.of());
        JsonNode token = admin.createToken(Map.of("name", "responses", "quota", 500_000));

        // when
        Response response = client(token.get("key").asText())
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .maxOutputTokens(100)
                        .build());

        // then: 12 input × 1 + 8 output × 2 = 28 units
        String text = response.output()
                .getFirst()
                .asMessage()
                .content()
                .getFirst()
                .asOutputText()
                .text();
        assertThat(text).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(12);
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(28);
        JsonNode sent = UPSTREAM.received().stream()
                .filter(r -> model.equals(r.body().path("model").asText()))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(sent.get("max_output_tokens").asLong()).isEqualTo(100);
        assertThat(sent.has("max_tokens")).isFalse();
    }

    @Test
    void givenTheSdk_whenItStreamsAResponse_thenEveryNamedEventArrivesAndTheUsageOfTheLastIsCharged() {
        // given: a mapped model, so the model name inside the events is rewritten back
        String model = model("responses-stream", Map.of());
        JsonNode token = admin.createToken(Map.of("name", "responses-stream", "quota", 500_000));
        StringBuilder text = new StringBuilder();
        List<ResponseStreamEvent> events = new ArrayList<>();

        // when
        try (StreamResponse<ResponseStreamEvent> stream = client(
                        token.get("key").asText())
                .responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(model)
                        .input("Say hello")
                        .build())) {
            stream.stream().forEach(e -> {
                events.add(e);
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
            });
        }

        // then
        assertThat(text.toString()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(events.getFirst().isCreated()).isTrue();
        assertThat(events.getLast().isCompleted()).isTrue();
        assertThat(events.getLast().asCompleted().response().model().asString()).isEqualTo(model);
        assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                        .json()
                        .get("usedQuota")
                        .asLong())
                .isEqualTo(28);
    }

    @Test
    void givenAStreamedResponse_thenTheWireFormatKeepsEventNamesAndHasNoDoneMarker() throws Exception {
        // given
        String model = model("responses-wire", Map.of());
        String key = admin.createToken(Map.of("name", "wire", "unlimitedQuota", true))
                .get("key")
                .asText();

        // when
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/responses"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"" + model + "\",\"input\":\"hi\",\"stream\":true}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("event: response.created\ndata: {");
        assertThat(r.body()).contains("event: response.output_text.delta\ndata: ");
        assertThat(r.body()).contains("event: response.completed\ndata: ");
        assertThat(r.body()).doesNotContain("[DONE]");
    }

    @Test
    void givenAnInputThatIsNeitherStringNorArray_then400NamingTheParameter() throws Exception {
        String key = admin.createToken(Map.of("name", "bad", "unlimitedQuota", true))
                .get("key")
                .asText();

        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/responses"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"input\":42}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"param\":\"input\"");
    }
}
