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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Tollgate instances on one PostgreSQL and one slow upstream: a channel's {@code maxConcurrency} is per node by
 * default (each node admits its limit) and, with {@code concurrencyScope=cluster}, holds for both nodes together.
 */
class ConcurrencyAcrossNodesEndToEndTest {
    private static final String PASSWORD = "concurrency-" + java.util.UUID.randomUUID();
    private static final String SECRET_KEY =
            java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));
    private static EmbeddedPostgresServer database;
    private static FakeOpenAiUpstream upstream;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static AdminApi adminA;
    private static AdminApi adminB;
    private static int models;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = EmbeddedPostgresServer.start(TestDatabase.newDataDir());
        upstream = new FakeOpenAiUpstream();
        nodeA = start();
        nodeB = start();
        adminA = new AdminApi(port(nodeA)).loginAs("root", PASSWORD);
        adminB = new AdminApi(port(nodeB)).loginAs("root", PASSWORD);
    }

    @AfterAll
    static void stopTwoNodes() {
        for (AutoCloseable c : new AutoCloseable[] {nodeB, nodeA, upstream, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                        "--tollgate.root-password=" + PASSWORD,
                        "--tollgate.db.url=" + database.jdbcUrl(),
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                        "--tollgate.secret-key=" + SECRET_KEY);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    /** A model served by one channel with {@code maxConcurrency} 2 in the given scope; returns a key for it. */
    private static String[] channel(String scope) {
        String model = "concurrency-" + scope + "-" + (++models);
        AdminApi.Reply created = adminA.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "slow-" + model,
                        "type",
                        "openai",
                        "baseUrl",
                        upstream.baseUrl(),
                        "keys",
                        List.of("sk-upstream-" + model),
                        "models",
                        List.of(model),
                        "groups",
                        List.of("default"),
                        "priority",
                        0,
                        "weight",
                        1,
                        "maxConcurrency",
                        2,
                        "options",
                        Map.of("concurrencyScope", scope)));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        adminA.setPrice(model, 1_000, 1_000);
        com.fasterxml.jackson.databind.JsonNode token =
                adminA.createToken(Map.of("name", "k-" + model, "unlimitedQuota", true));
        // node B follows the event store: wait until it knows the channel and the key
        Awaitility.await("node B serves " + model)
                .atMost(Duration.ofSeconds(10))
                .until(() -> adminB.get("/api/v1/channels/"
                                                + created.json().get("id").asText())
                                        .status()
                                == 200
                        && adminB.get("/api/v1/tokens/" + token.get("id").asText())
                                        .status()
                                == 200);
        return new String[] {model, token.get("key").asText()};
    }

    private HttpRequest chat(ConfigurableApplicationContext node, String key, String model) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":10}"))
                .build();
    }

    /**
     * Eight requests at once, four on each node, while the upstream holds every answer until each request is either
     * answered by Tollgate or waiting at the upstream: how many the upstream had in flight at most, and the answers.
     */
    private List<HttpResponse<String>> burst(String key, String model, AtomicInteger mostInFlight) {
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        upstream.onRequest(() -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
        });
        try {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(http.sendAsync(
                        chat(i % 2 == 0 ? nodeA : nodeB, key, model), HttpResponse.BodyHandlers.ofString()));
            }
            // every request is settled one way or the other: refused, or held at the upstream
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() ->
                            sent.stream().filter(CompletableFuture::isDone).count() + inFlight.get() == sent.size());
            release.countDown();
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            release.countDown();
            upstream.onRequest(null);
        }
    }

    @Test
    void givenAClusterWideLimitOfTwo_whenBothNodesGetABurst_thenTogetherTheyHaveAtMostTwoInFlight() {
        // given
        String[] channel = channel("cluster");

        // when
        AtomicInteger most = new AtomicInteger();
        List<HttpResponse<String>> replies = burst(channel[1], channel[0], most);

        // then
        long ok = replies.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(most.get()).as("in flight at the upstream at once").isLessThanOrEqualTo(2);
        assertThat(ok).as("served").isBetween(1L, 2L);
        assertThat(replies)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(200, 429));
        assertThat(replies.stream().filter(r -> r.statusCode() == 429))
                .allSatisfy(r -> assertThat(r.body()).contains("concurrency limit"));

        // and once the burst is over, both nodes serve again
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> http.send(chat(nodeA, channel[1], channel[0]), HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200
                        && http.send(chat(nodeB, channel[1], channel[0]), HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200);
    }

    @Test
    void givenAPerNodeLimitOfTwo_whenBothNodesGetABurst_thenEachNodeAdmitsItsOwnTwo() {
        // given
        String[] channel = channel("node");

        // when
        AtomicInteger most = new AtomicInteger();
        List<HttpResponse<String>> replies = burst(channel[1], channel[0], most);

        // then
        assertThat(replies.stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(4);
        assertThat(most.get()).isEqualTo(4);
    }
}
