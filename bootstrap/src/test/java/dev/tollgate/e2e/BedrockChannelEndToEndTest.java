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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An {@code aws-bedrock} channel behind the OpenAI API: a SigV4-signed Converse call, its usage charged. */
class BedrockChannelEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenABedrockChannel_whenTheOpenAiSdkChats_thenASignedConverseCallIsMadeAndItsUsageCharged() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            bodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            paths.add(exchange.getRequestURI().getRawPath());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body =
                    ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello from bedrock\"}]}},"
                                    + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,\"outputTokens\":8,\"totalTokens\":20},"
                                    + "\"metrics\":{\"latencyMs\":42}}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fake.start();
        try {
            // given
            String model = uniqueModel("claude-on-bedrock");
            String upstreamModel = "anthropic.claude-3-5-haiku-20241022-v1:0";
            AdminApi.Reply channel = admin.post(
                    "/api/v1/channels",
                    Map.of(
                            "name",
                            "bedrock-" + model,
                            "type",
                            "aws-bedrock",
                            "baseUrl",
                            "http://127.0.0.1:" + fake.getAddress().getPort(),
                            "keys",
                            List.of("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                            "models",
                            List.of(model),
                            "modelMapping",
                            Map.of(model, upstreamModel),
                            "options",
                            Map.of("region", "us-east-1")));
            assertThat(channel.status()).as(channel.raw().body()).isEqualTo(201);
            assertThat(channel.raw().body()).doesNotContain("wJalrXUtnFEMI");
            admin.setPrice(model, 1_000_000, 2_000_000);
            JsonNode token = admin.createToken(Map.of("name", "bedrock", "quota", 500_000));

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
                            .addSystemMessage("Be brief.")
                            .addUserMessage("Say hello")
                            .build());

            // then
            assertThat(completion.choices().getFirst().message().content()).contains("Hello from bedrock");
            assertThat(completion.model()).isEqualTo(model);
            assertThat(paths).containsExactly("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
            assertThat(authorizations.getFirst())
                    .matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/"
                            + "bedrock/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}");
            assertThat(bodies.getFirst().get("system").get(0).get("text").asText())
                    .isEqualTo("Be brief.");
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
