package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A {@code vertex} channel (Gemini on Vertex AI) behind the OpenAI API: the service-account key is exchanged for an
 * access token at a fake token endpoint, and the model call carries it.
 */
class VertexChannelEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenAVertexChannel_whenTheOpenAiSdkChats_thenTheServiceAccountTokenIsUsedAndTheUsageCharged()
            throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            String body;
            if (path.equals("/token")) {
                body = "{\"access_token\":\"ya29.e2e-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}";
            } else {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                body =
                        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello from vertex\"}]},"
                                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
                                + "\"candidatesTokenCount\":8,\"totalTokenCount\":20}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        fake.start();
        try {
            // given: a service-account key of our own making, whose token endpoint is the fake
            String base = "http://127.0.0.1:" + fake.getAddress().getPort();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                            .encodeToString(
                                    generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            String serviceAccount = JSON.writeValueAsString(Map.of(
                    "type",
                    "service_account",
                    "project_id",
                    "p1",
                    "private_key_id",
                    "k1",
                    "private_key",
                    pem,
                    "client_email",
                    "e2e@p1.iam.gserviceaccount.com",
                    "token_uri",
                    base + "/token"));
            String model = uniqueModel("gemini-on-vertex");
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
            assertThat(channel.raw().body()).doesNotContain("PRIVATE KEY");
            admin.setPrice(model, 1_000_000, 2_000_000);
            JsonNode token = admin.createToken(Map.of("name", "vertex", "quota", 500_000));

            // when
            ChatCompletion completion = OpenAIOkHttpClient.builder()
                    .apiKey(token.get("key").asText())
                    .baseUrl(relayBase())
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(30))
                    .build()
                    .chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model(model)
                            .addUserMessage("Say hello")
                            .build());

            // then
            assertThat(completion.choices().getFirst().message().content()).contains("Hello from vertex");
            assertThat(paths)
                    .containsExactly(
                            "/token",
                            "/v1/projects/p1/locations/us-central1/publishers/google/models/" + model
                                    + ":generateContent");
            assertThat(authorizations).containsExactly("Bearer ya29.e2e-token");
            assertThat(admin.get("/api/v1/tokens/" + token.get("id").asText())
                            .json()
                            .get("usedQuota")
                            .asLong())
                    .isEqualTo(28);
        } finally {
            fake.stop(0);
        }
    }
}
