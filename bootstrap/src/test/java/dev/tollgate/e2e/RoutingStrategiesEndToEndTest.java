package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The routing strategies through real HTTP: traffic leaves a channel that slows down and comes back when it recovers
 * ({@code latency}), requests spread by what is in flight rather than by weight ({@code least-busy}), and the rules'
 * admin API (platform admins only, problem+json on bad input, nothing changed). Its own node, with the latency
 * figures' decay shortened to 300 ms so that a recovery shows within a second.
 */
class RoutingStrategiesEndToEndTest {
    private static final String PASSWORD = "routing-" + java.util.UUID.randomUUID();
    private static EmbeddedPostgresServer database;
    private static ConfigurableApplicationContext node;
    private static AdminApi admin;
    private static int models;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startNode() throws Exception {
        database = EmbeddedPostgresServer.start(TestDatabase.newDataDir());
        node = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                        "--tollgate.root-password=" + PASSWORD,
                        "--tollgate.db.url=" + database.jdbcUrl(),
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                        "--tollgate.routing.latency-decay=PT0.3S");
        admin = new AdminApi(port()).loginAs("root", PASSWORD);
    }

    @AfterAll
    static void stopNode() {
        for (AutoCloseable c : new AutoCloseable[] {node, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private static int port() {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static String model(String prefix) {
        return prefix + "-" + (++models);
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return http.send(chatRequest(key, model), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest chatRequest(String key, String model) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":10}"))
                .build();
    }

    /** Sends {@code count} requests one after the other; answers which upstream served each (true: {@code a}). */
    private List<Boolean> servedBy(FakeOpenAiUpstream a, String key, String model, int count) throws Exception {
        List<Boolean> served = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int before = a.received().size();
            HttpResponse<String> r = chat(key, model);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            served.add(a.received().size() > before);
        }
        return served;
    }

    private static long count(List<Boolean> served) {
        return served.stream().filter(b -> b).count();
    }

    private String keyFor(String model, FakeOpenAiUpstream a, FakeOpenAiUpstream b, int weightA, int weightB) {
        admin.createChannel("a-" + model, a.baseUrl(), model, 0, weightA, Map.of());
        admin.createChannel("b-" + model, b.baseUrl(), model, 0, weightB, Map.of());
        admin.setPrice(model, 1_000, 1_000);
        return admin.createToken(Map.of("name", "k-" + model, "unlimitedQuota", true))
                .get("key")
                .asText();
    }

    @Test
    void givenTheLatencyStrategy_whenOneChannelSlowsDownAndRecovers_thenTrafficLeavesItAndComesBack() throws Exception {
        try (FakeOpenAiUpstream a = new FakeOpenAiUpstream();
                FakeOpenAiUpstream b = new FakeOpenAiUpstream()) {
            // given: a is fast, b answers in 40 ms; the model is routed by latency with 10 % exploration
            String model = model("latency");
            String key = keyFor(model, a, b, 1, 1);
            AdminApi.Reply set = admin.put(
                    "/api/v1/settings/routing", Map.of("models", Map.of(model, "latency"), "explorePercent", 10));
            assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
            b.delay(40);
            servedBy(a, key, model, 10); // both get a figure

            // when: a is the faster one
            List<Boolean> fast = servedBy(a, key, model, 40);

            // then: a serves most requests, b keeps its exploration share
            assertThat(count(fast)).as("served by the faster channel").isGreaterThanOrEqualTo(28);

            // when: a slows down to 250 ms
            a.delay(250);
            servedBy(a, key, model, 3);
            List<Boolean> slow = servedBy(a, key, model, 40);

            // then: traffic has moved to b, a keeps only the exploration share
            assertThat(40 - count(slow)).as("served by the now faster channel").isGreaterThanOrEqualTo(28);

            // when: a recovers
            a.delay(0);

            // then: within a few seconds its figure decays below b's and traffic comes back
            List<Boolean> recovery = new ArrayList<>();
            Awaitility.await("traffic back on the recovered channel")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        recovery.addAll(servedBy(a, key, model, 20));
                        List<Boolean> window = recovery.subList(Math.max(0, recovery.size() - 20), recovery.size());
                        return window.size() == 20 && count(window) >= 14;
                    });
        }
    }

    @Test
    void givenTheLeastBusyStrategy_whenRequestsArriveWhileOthersAreInFlight_thenEachGoesToTheIdlerChannel()
            throws Exception {
        try (FakeOpenAiUpstream a = new FakeOpenAiUpstream();
                FakeOpenAiUpstream b = new FakeOpenAiUpstream()) {
            // given: a weighs 9 times b, but the group routes by requests in flight; both answer after 1.5 s
            String model = model("least-busy");
            String key = keyFor(model, a, b, 9, 1);
            assertThat(admin.put("/api/v1/settings/routing", Map.of("groups", Map.of("default", "least-busy")))
                            .status())
                    .isEqualTo(200);
            a.delay(1500);
            b.delay(1500);

            // when: six requests, each sent once the previous one reached its upstream
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int arrived = i;
                sent.add(http.sendAsync(chatRequest(key, model), HttpResponse.BodyHandlers.ofString()));
                Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> a.received().size() + b.received().size() > arrived);
            }

            // then: they alternate, three on each, whatever the weights
            for (CompletableFuture<HttpResponse<String>> r : sent) {
                assertThat(r.join().statusCode()).isEqualTo(200);
            }
            assertThat(a.received()).hasSize(3);
            assertThat(b.received()).hasSize(3);
        } finally {
            admin.put("/api/v1/settings/routing", Map.of());
        }
    }

    @Test
    void givenRoutingRules_whenReadBackAndWhenABadStrategyIsPut_thenRulesAreKeptAndTheErrorNamesTheField() {
        // given
        String model = model("rules");
        AdminApi.Reply set = admin.put(
                "/api/v1/settings/routing",
                Map.of(
                        "default",
                        "weighted",
                        "groups",
                        Map.of("vip", "least-busy"),
                        "models",
                        Map.of(model, "latency"),
                        "explorePercent",
                        20));
        assertThat(set.status()).isEqualTo(200);

        // when
        AdminApi.Reply bad = admin.put("/api/v1/settings/routing", Map.of("models", Map.of(model, "fastest")));
        AdminApi.Reply tooMuch = admin.put("/api/v1/settings/routing", Map.of("explorePercent", 80));
        AdminApi.Reply unknown = admin.put("/api/v1/settings/routing", Map.of("strategy", "latency"));
        AdminApi.Reply read = admin.get("/api/v1/settings/routing");

        // then
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(bad.json().get("code").asText()).isEqualTo("invalid_value");
        assertThat(bad.json().get("field").asText()).isEqualTo("models");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().get("field").asText()).isEqualTo("explorePercent");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("default").asText()).isEqualTo("weighted");
        assertThat(read.json().at("/groups/vip").asText()).isEqualTo("least-busy");
        assertThat(read.json().at("/models/" + model).asText()).isEqualTo("latency");
        assertThat(read.json().get("explorePercent").asInt()).isEqualTo(20);
        admin.put("/api/v1/settings/routing", Map.of());
    }

    @Test
    void givenAUserWhoIsNoAdmin_whenPuttingRoutingRules_thenForbiddenBeforeValidation() {
        // given
        String name = model("routing-user");
        String password = "routing-user-pass-" + java.util.UUID.randomUUID();
        assertThat(admin.post("/api/v1/users", Map.of("username", name, "password", password))
                        .status())
                .isEqualTo(201);
        AdminApi user = new AdminApi(port()).loginAs(name, password);

        // when
        AdminApi.Reply put = user.put("/api/v1/settings/routing", Map.of("default", "no-such-strategy"));
        AdminApi.Reply get = user.get("/api/v1/settings/routing");

        // then
        assertThat(put.status()).isEqualTo(403);
        assertThat(get.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/settings/routing").json().get("default").asText())
                .isEqualTo("weighted");
    }
}
