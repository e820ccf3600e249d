package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.application.billing.port.out.BillingNode;
import dev.tollgate.application.billing.service.BillingJournal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.updates.UpdateChecker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.testcontainers.DockerClientFactory;

/**
 * The embedded database keeps its data across restarts, the views are rebuilt from the event log, and a second
 * instance on the same data directory refuses to start.
 */
class RestartEndToEndTest {

    private static ConfigurableApplicationContext start(Path dataDir, String rootPassword) {
        return new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + dataDir,
                        "--tollgate.root-password=" + rootPassword,
                        "--spring.datasource.url=",
                        "--tollgate.db.url=");
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @Test
    void givenUsageBilledBeforeARestart_whenTheGatewayRestarts_thenKeysChannelsAndBalancesAreStillThere()
            throws Exception {
        Assumptions.assumeFalse(
                dockerAvailable(), "the embedded database is only used when no Docker engine is available");
        // given
        Path dataDir = TestDatabase.newDataDir();
        String password = "restart-" + UUID.randomUUID();
        String key;
        String tokenId;
        String firstNode;
        try (FakeOpenAiUpstream upstream = new FakeOpenAiUpstream()) {
            try (ConfigurableApplicationContext first = start(dataDir, password)) {
                AdminApi admin = new AdminApi(port(first)).loginAs("root", password);
                admin.createChannel("c", upstream.baseUrl(), "restart-model", 0, 1, Map.of());
                admin.setPrice("restart-model", 1_000_000, 1_000_000);
                JsonNode token = admin.createToken(Map.of("name", "k", "quota", 1000));
                key = token.get("key").asText();
                tokenId = token.get("id").asText();
                assertThat(chat(port(first), key).statusCode()).isEqualTo(200);
                assertThat(first.getBean(BillingJournal.class).awaitFlushed(Duration.ofSeconds(10)))
                        .isTrue();
                firstNode = first.getBean(BillingNode.class).id();
            }

            // when
            try (ConfigurableApplicationContext second = start(dataDir, "ignored-" + password)) {
                AdminApi admin = new AdminApi(port(second)).loginAs("root", password);

                // then
                JsonNode token = admin.get("/api/v1/tokens/" + tokenId).json();
                assertThat(token.get("usedQuota").asLong()).isEqualTo(20);
                // the first process gave back at shutdown all the key's allowance it had not used
                assertThat(second.getBean(JdbcTemplate.class)
                                .queryForMap(
                                        "select ceiling, spent from quota_allowance where pool_id = ? and node = ?",
                                        "key:" + tokenId,
                                        firstNode))
                        .containsEntry("ceiling", 20L)
                        .containsEntry("spent", 20L);
                assertThat(chat(port(second), key).statusCode()).isEqualTo(200);
                assertThat(admin.get("/api/v1/tokens/" + tokenId)
                                .json()
                                .get("usedQuota")
                                .asLong())
                        .isEqualTo(40);
            }
        }
    }

    @Test
    void givenARunningGateway_whenASecondOneStartsOnTheSameDataDirectory_thenItStopsWithAClearMessage() {
        Assumptions.assumeFalse(
                dockerAvailable(), "the embedded database is only used when no Docker engine is available");
        // given
        Path dataDir = TestDatabase.newDataDir();
        String password = "twice-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start(dataDir, password)) {
            // when / then
            assertThatThrownBy(() -> start(dataDir, password).close())
                    .hasStackTraceContaining("another Tollgate is already running with data directory");
        }
    }

    @Test
    void givenTollgateDbUrl_whenStarting_thenThatPostgreSqlIsUsedAndNoEmbeddedOneIsStarted() throws Exception {
        Assumptions.assumeFalse(
                dockerAvailable(), "stands in for an external PostgreSQL only when no Docker engine is available");
        // given: a PostgreSQL that is not Tollgate's own (started here, in another directory)
        Path external = TestDatabase.newDataDir();
        Path dataDir = TestDatabase.newDataDir();
        String password = "external-" + UUID.randomUUID();
        try (var server = EmbeddedPostgresServer.start(external);
                ConfigurableApplicationContext app = new SpringApplicationBuilder(TollgateApplication.class)
                        .run(
                                "--server.port=0",
                                "--tollgate.data-dir=" + dataDir,
                                "--tollgate.root-password=" + password,
                                "--tollgate.db.url=" + server.jdbcUrl(),
                                "--spring.datasource.url=" + server.jdbcUrl(),
                                "--spring.datasource.username=postgres")) {
            // when
            AdminApi admin = new AdminApi(port(app)).loginAs("root", password);

            // then
            assertThat(admin.get("/api/v1/tokens").status()).isEqualTo(200);
            assertThat(app.containsBean("embeddedPostgresServer")).isFalse();
            assertThat(dataDir.resolve("postgres")).doesNotExist();
            try (var c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
                    var r = c.createStatement().executeQuery("select count(*) from domain_event_entry")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void givenTheApplication_whenStarted_thenNeitherAxonServerNorTheUpdateCheckerIsConfigured() {
        Assumptions.assumeFalse(dockerAvailable(), "uses the embedded database");
        // given
        Path dataDir = TestDatabase.newDataDir();

        // when
        try (ConfigurableApplicationContext app = start(dataDir, "offline-" + UUID.randomUUID())) {
            // then: nothing that would open an outbound connection at start-up
            assertThat(app.getBeanNamesForType(UpdateChecker.class)).isEmpty();
            assertThat(app.getBeanNamesForType(EventStorageEngine.class)).containsExactly("eventStorageEngine");
            assertThat(app.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            assertThat(isOnClasspath("io.axoniq.axonserver.connector.AxonServerConnectionFactory"))
                    .isFalse();
        }
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static HttpResponse<String> chat(int port, String key) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"model\":\"restart-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
