package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The Responses API on {@code vertex} (Gemini on Vertex AI, with its service-account token) and {@code aws-bedrock}
 * (a SigV4-signed Converse call) channels, with the official OpenAI SDK: a text answer, a function call, a stream of
 * Responses events, each billed from the provider's usage.
 */
class ResponsesOnCloudPlatformsEndToEndTest extends ResponsesTestBase {

    private record Seen(String path, String authorization, JsonNode body) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    void handle(HttpExchange exchange) throws IOException {
        {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/token")) {
                send(exchange, 200, "application/json", "{\"access_token\":\"ya29.responses\",\"expires_in\":3600}");
                return;
            }
            JsonNode body = JSON.readTree(raw);
            seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
            boolean tools = body.has("tools") || body.has("toolConfig");
            if (path.endsWith(":streamGenerateContent")) {
                send(exchange, 200, "text/event-stream", String.join("", ProtocolChannelsEndToEndTest.GEMINI_EVENTS));
            } else if (path.endsWith(":generateContent")) {
                send(
                        exchange,
                        200,
                        "application/json",
                        tools ? GEMINI_CALL : ProtocolChannelsEndToEndTest.GEMINI_RESPONSE);
            } else if (path.endsWith("/converse-stream")) {
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
                byte[] stream = bedrockStream();
                exchange.sendResponseHeaders(200, stream.length);
                exchange.getResponseBody().write(stream);
            } else if (path.endsWith("/converse")) {
                send(exchange, 200, "application/json", tools ? BEDROCK_CALL : BEDROCK_TEXT);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    static final String GEMINI_CALL = """
            {"candidates":[{"content":{"role":"model","parts":[
               {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":8,"totalTokenCount":20}}""";

    static final String BEDROCK_TEXT = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello from fake"}]}},"stopReason":"end_turn",
             "usage":{"inputTokens":12,"outputTokens":8,"totalTokens":20},"metrics":{"latencyMs":42}}""";

    static final String BEDROCK_CALL = """
            {"output":{"message":{"role":"assistant","content":[
               {"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}}]}},
             "stopReason":"tool_use","usage":{"inputTokens":12,"outputTokens":8,"totalTokens":20},
             "metrics":{"latencyMs":42}}""";

    private static byte[] bedrockStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(event("messageStart", "{\"role\":\"assistant\"}"));
        out.writeBytes(event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"}}"));
        out.writeBytes(event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" from fake\"}}"));
        out.writeBytes(event("contentBlockStop", "{\"contentBlockIndex\":0}"));
        out.writeBytes(event("messageStop", "{\"stopReason\":\"end_turn\"}"));
        out.writeBytes(
                event(
                        "metadata",
                        "{\"usage\":{\"inputTokens\":12,\"outputTokens\":8,\"totalTokens\":20},\"metrics\":{\"latencyMs\":9}}"));
        return out.toByteArray();
    }

    /** One AWS event-stream message of a ConverseStream event (string headers, CRC-checked prelude and message). */
    private static byte[] event(String type, String json) {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        Map.of(":event-type", type, ":content-type", "application/json", ":message-type", "event")
                .forEach((name, value) -> {
                    byte[] n = name.getBytes(StandardCharsets.UTF_8);
                    byte[] v = value.getBytes(StandardCharsets.UTF_8);
                    headers.write(n.length);
                    headers.writeBytes(n);
                    headers.write(7);
                    headers.write(v.length >> 8);
                    headers.write(v.length & 0xff);
                    headers.writeBytes(v);
                });
        byte[] h = headers.toByteArray();
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        int total = 12 + h.length + payload.length + 4;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(h.length);
        b.putInt(crc(b.array(), 8));
        b.put(h).put(payload);
        b.putInt(crc(b.array(), total - 4));
        return b.array();
    }

    private static int crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    private String vertexChannel() throws Exception {
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
                "client_email", "responses@p1.iam.gserviceaccount.com",
                "token_uri", base() + "/token"));
        String model = uniqueModel("responses-vertex");
        channel("vertex", model, List.of(serviceAccount), Map.of(), Map.of("location", "us-central1"));
        return model;
    }

    private String bedrockChannel() {
        String model = uniqueModel("responses-bedrock");
        channel(
                "aws-bedrock",
                model,
                List.of("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                Map.of(model, "anthropic.claude-3-5-haiku-20241022-v1:0"),
                Map.of("region", "us-east-1"));
        return model;
    }

    private static String text(Response response) {
        return response.output()
                .getFirst()
                .asMessage()
                .content()
                .getFirst()
                .asOutputText()
                .text();
    }

    private static ResponseCreateParams withTool(String model) {
        return ResponseCreateParams.builder()
                .model(model)
                .input("Weather in Paris?")
                .addTool(FunctionTool.builder()
                        .name("get_weather")
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .strict(false)
                        .build())
                .build();
    }

    private String streamed(JsonNode token, String model, List<ResponseStreamEvent> events) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> stream = client(token)
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
        return text.toString();
    }

    @Test
    void givenAVertexChannel_whenTheSdkCreatesAResponse_thenItIsConvertedWithTheServiceAccountTokenAndBilled()
            throws Exception {
        // given
        String model = vertexChannel();
        JsonNode token = token("responses-vertex-text");

        // when
        Response response = client(token)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .instructions("Be brief.")
                        .input("Say hello")
                        .maxOutputTokens(50)
                        .build());

        // then: 12 input × 1 + 8 output × 2 = 28 units
        assertThat(text(response)).isEqualTo("Hello from fake");
        assertThat(response.id()).startsWith("resp_");
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(8);
        Seen call = seen.getLast();
        assertThat(call.path())
                .isEqualTo(
                        "/v1/projects/p1/locations/us-central1/publishers/google/models/" + model + ":generateContent");
        assertThat(call.authorization()).isEqualTo("Bearer ya29.responses");
        assertThat(call.body().at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
        assertThat(call.body().at("/generationConfig/maxOutputTokens").asLong()).isEqualTo(50);
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenAVertexChannel_whenTheRequestHasAFunctionTool_thenTheCallComesBackAsAFunctionCallItem() throws Exception {
        // given
        String model = vertexChannel();
        JsonNode token = token("responses-vertex-tool");

        // when
        Response response = client(token).responses().create(withTool(model));

        // then
        ResponseFunctionToolCall call = response.output().getFirst().asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.arguments()).path("city").asText()).isEqualTo("Paris");
        assertThat(seen.getLast()
                        .body()
                        .at("/tools/0/functionDeclarations/0/name")
                        .asText())
                .isEqualTo("get_weather");
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenAVertexChannel_whenTheSdkStreamsAResponse_thenTheResponsesEventsArriveAndTheUsageIsBilled()
            throws Exception {
        // given
        String model = vertexChannel();
        JsonNode token = token("responses-vertex-stream");
        List<ResponseStreamEvent> events = new ArrayList<>();

        // when
        String text = streamed(token, model, events);

        // then
        assertThat(seen.getLast().path()).endsWith(model + ":streamGenerateContent");
        assertThat(text).isEqualTo("Hello from fake");
        assertThat(events.getFirst().isCreated()).isTrue();
        Response completed = events.getLast().asCompleted().response();
        assertThat(completed.usage().orElseThrow().inputTokens()).isEqualTo(12);
        assertThat(text(completed)).isEqualTo("Hello from fake");
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenABedrockChannel_whenTheSdkCreatesAResponse_thenASignedConverseCallIsMadeAndBilled() {
        // given
        String model = bedrockChannel();
        JsonNode token = token("responses-bedrock-text");

        // when
        Response response = client(token)
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(model)
                        .instructions("Be brief.")
                        .input("Say hello")
                        .build());

        // then
        assertThat(text(response)).isEqualTo("Hello from fake");
        Seen call = seen.getLast();
        assertThat(call.path()).isEqualTo("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
        assertThat(call.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
        assertThat(call.body().at("/system/0/text").asText()).isEqualTo("Be brief.");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(12);
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenABedrockChannel_whenTheRequestHasAFunctionTool_thenTheToolUseComesBackAsAFunctionCallItem()
            throws Exception {
        // given
        String model = bedrockChannel();
        JsonNode token = token("responses-bedrock-tool");

        // when
        Response response = client(token).responses().create(withTool(model));

        // then
        ResponseFunctionToolCall call = response.output().getFirst().asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isEqualTo("tooluse_1");
        assertThat(JSON.readTree(call.arguments()).path("city").asText()).isEqualTo("Paris");
        assertThat(seen.getLast().body().at("/toolConfig/tools/0/toolSpec/name").asText())
                .isEqualTo("get_weather");
        assertThat(used(token)).isEqualTo(28);
    }

    @Test
    void givenABedrockChannel_whenTheSdkStreamsAResponse_thenTheEventStreamBecomesResponsesEventsAndIsBilled() {
        // given
        String model = bedrockChannel();
        JsonNode token = token("responses-bedrock-stream");
        List<ResponseStreamEvent> events = new ArrayList<>();

        // when
        String text = streamed(token, model, events);

        // then
        assertThat(seen.getLast().path()).endsWith("/converse-stream");
        assertThat(text).isEqualTo("Hello from fake");
        Response completed = events.getLast().asCompleted().response();
        assertThat(completed.usage().orElseThrow().outputTokens()).isEqualTo(8);
        assertThat(used(token)).isEqualTo(28);
    }
}
