package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.TollgateApplication;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;

/**
 * {@code GET /v1/realtime} with {@code tollgate.relay.front-door=mvc}: the plain MVC mappings, whose catch-all
 * {@code /v1/**} would otherwise answer it with 404, serve the same realtime upgrade.
 */
class RealtimeMvcFrontDoorEndToEndTest {

    @Test
    void givenTheMvcFrontDoor_whenARealtimeSessionRunsAResponse_thenItIsRelayedAndBilled() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dockerAvailable(), "uses the embedded database");
        // given
        Path dataDir = TestDatabase.newDataDir();
        String password = "rt-mvc-" + java.util.UUID.randomUUID();
        try (FakeRealtimeUpstream upstream = new FakeRealtimeUpstream();
                ConfigurableApplicationContext app = new SpringApplicationBuilder(TollgateApplication.class).run(
                        "--server.port=0", "--tollgate.data-dir=" + dataDir, "--tollgate.root-password=" + password,
                        "--spring.datasource.url=", "--tollgate.db.url=", "--tollgate.relay.front-door=mvc")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            AdminApi admin = new AdminApi(port).loginAs("root", password);
            admin.createChannel("c", upstream.baseUrl(), "rt-mvc", 0, 1, Map.of());
            admin.put("/api/v1/prices/rt-mvc", Map.of("input", 1_000_000, "output", 2_000_000, "cachedInput", 100_000));
            admin.put("/api/v1/prices/rt-mvc:audio",
                    Map.of("input", 4_000_000, "output", 8_000_000, "cachedInput", 400_000));
            JsonNode key = admin.createToken(Map.of("name", "k", "quota", 500_000));

            // when
            RealtimeTestClient client = RealtimeTestClient.connect(port, "rt-mvc", List.of(), "Authorization",
                    "Bearer " + key.get("key").asText());
            client.send("{\"type\":\"response.create\"}");
            client.next("response.done");

            // then: the same exact charge as through the gateway routes (RealtimeEndToEndTest: 142 text + 484 audio)
            assertThat(admin.get("/api/v1/tokens/" + key.get("id").asText()).json().get("usedQuota").asLong())
                    .isEqualTo(626);
            client.socket.sendClose(1000, "bye").get();
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
