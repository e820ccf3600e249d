package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.in.web.relay.RelayController;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;

/**
 * {@code tollgate.relay.front-door=mvc}, the baseline the benchmark compares the gateway route table against, serves
 * the same relay: same answers, same errors.
 */
class MvcFrontDoorEndToEndTest {

    @Test
    void givenTheMvcFrontDoor_whenChatting_thenTheSameRelayAnswersWithoutTheGatewayRoutes() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dockerAvailable(), "uses the embedded database");
        // given
        Path dataDir = TestDatabase.newDataDir();
        String password = "mvc-" + java.util.UUID.randomUUID();
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream();
                ConfigurableApplicationContext app = new SpringApplicationBuilder(TollgateApplication.class).run(
                        "--server.port=0", "--tollgate.data-dir=" + dataDir, "--tollgate.root-password=" + password,
                        "--spring.datasource.url=", "--tollgate.db.url=", "--tollgate.relay.front-door=mvc")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            AdminApi admin = new AdminApi(port).loginAs("root", password);
            admin.createChannel("c", upstream.baseUrl(), "mvc-model", 0, 1, Map.of());
            admin.setPrice("mvc-model", 1_000_000, 1_000_000);
            String key = admin.createToken(Map.of("name", "k", "quota", 1000)).get("key").asText();
            HttpClient http = HttpClient.newHttpClient();

            // when
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"mvc-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/nothing-here")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(app.getBeansOfType(RelayController.class)).hasSize(1);
            assertThat(app.containsBean("openAiRelayRoutes")).isFalse();
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains(FakeOpenAiUpstream.REPLY);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("unknown_url");
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
