package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.application.billing.service.BillingJournal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 20, findings 1 and 6 (docs/reliability.md): a node whose database refuses writes (the stand-in for a full
 * disk: PostgreSQL read-only) keeps relaying from memory up to its limit of unsettled spending
 * ({@code tollgate.outage.max-unsettled-spending}), then refuses with 503 {@code billing_unavailable}; its health is
 * DOWN meanwhile and the admin API answers 503 problem+json; once writes work again, health is UP, every answered
 * request is charged once, nothing drifts, and the node relays again without a restart.
 */
class DatabaseOutageEndToEndTest {
    private static final String ROOT_PASSWORD = "outage-" + UUID.randomUUID();
    private static final String MODEL = "outage-model";
    /** 1,000 prompt + 1,000 completion tokens at 100,000 units per million each: 200 units per request. */
    private static final long COST = 200;

    private static final long LIMIT = 1_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeOpenAiUpstream upstream;
    private static ConfigurableApplicationContext node;
    private static EmbeddedPostgresServer database;
    private static AdminApi admin;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeOpenAiUpstream();
        upstream.usage(1_000, 1_000);
        node = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                        "--tollgate.root-password=" + ROOT_PASSWORD,
                        "--spring.datasource.url=",
                        "--tollgate.db.url=",
                        "--tollgate.outage.max-unsettled-spending=" + LIMIT,
                        "--tollgate.outage.health-grace=PT1S",
                        "--tollgate.billing.heartbeat-interval=PT1S",
                        "--tollgate.billing.node-silence=PT10S");
        database = node.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable();
        Assumptions.assumeTrue(database != null, "the node runs its own embedded database");
        admin = new AdminApi(port()).loginAs("root", ROOT_PASSWORD);
        admin.createChannel("outage", upstream.baseUrl(), MODEL, 0, 1, Map.of());
        admin.setPrice(MODEL, 100_000, 100_000);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (database != null) {
            writable(true);
        }
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void
            givenTheDatabaseRefusingWrites_whenRequestsGoOn_thenServedUpToTheSpendingLimitThen503AndHealthDownAndAllChargedAfter()
                    throws Exception {
        // given
        JsonNode token = admin.createToken(Map.of("name", "outage", "unlimitedQuota", true));
        String key = token.get("key").asText();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> chat(key).statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> health().statusCode() == 200);
        BillingJournal journal = node.getBean(BillingJournal.class);

        // when: the database refuses writes
        writable(false);
        List<HttpResponse<String>> during = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            during.add(chat(key));
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> health().statusCode() == 503);
        AdminApi.Reply adminWrite = admin.put("/api/v1/prices/outage-probe", Map.of("input", 1, "output", 1));

        // then: served from memory up to the limit, then refused with a clear OpenAI error; health DOWN; admin 503
        long answered = during.stream().filter(r -> r.statusCode() == 200).count();
        List<HttpResponse<String>> refused =
                during.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(answered).isBetween(LIMIT / COST, LIMIT / COST + 1); // + a settlement recorded just after its answer
        assertThat(refused).isNotEmpty().allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("billing_unavailable");
            assertThat(error.get("message").asText()).contains("not recorded yet");
        });
        assertThat(journal.unsettledSpending()).isEqualTo(answered * COST);
        assertThat(adminWrite.status()).as(adminWrite.raw().body()).isEqualTo(503);
        assertThat(adminWrite.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(adminWrite.json().get("code").asText()).isEqualTo("database_unavailable");

        // and when: writes work again
        writable(true);

        // then: UP again, every answered request charged once, no drift, relaying again
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> health().statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> journal.unsettledSpending() == 0);
        assertThat(chat(key).statusCode()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                                admin.get("/api/v1/tokens/" + token.get("id").asText())
                                        .json()
                                        .get("usedQuota")
                                        .asLong())
                        .isEqualTo((answered + 2) * COST));
        AdminApi.Reply reconciliation = admin.post("/api/v1/admin/reconciliations", Map.of());
        assertThat(reconciliation.status()).as(reconciliation.raw().body()).isEqualTo(200);
        assertThat(reconciliation.json().get("drifts")).isEmpty();
    }

    /** Makes the database read-only (or writable again) for every session, as bench/faults/db-readonly.sh does. */
    private static void writable(boolean writable) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", EmbeddedPostgresServer.USER);
        login.setProperty("options", "-c default_transaction_read_only=off");
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), login);
                Statement s = c.createStatement()) {
            s.execute("alter database " + EmbeddedPostgresServer.DATABASE + " set default_transaction_read_only = "
                    + (writable ? "off" : "on"));
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                    + EmbeddedPostgresServer.DATABASE + "' and pid <> pg_backend_pid()");
        }
    }

    private static HttpResponse<String> chat(String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> health() throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int port() {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
