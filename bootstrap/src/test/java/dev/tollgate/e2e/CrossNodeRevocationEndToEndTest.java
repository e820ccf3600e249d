package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Tollgate nodes on one database. BRIEF G10: a key or a user disabled through one node is refused by the other
 * within one second; and G1 across nodes: a request in flight on one node holds its reservation on the other. The
 * other node learns both from the event store, which it polls every {@code tollgate.events.fetch-delay}, 100 ms.
 */
class CrossNodeRevocationEndToEndTest {
    private static final Logger log = LoggerFactory.getLogger(CrossNodeRevocationEndToEndTest.class);
    private static final String ROOT_PASSWORD = "g10-" + UUID.randomUUID();
    private static final String USER_PASSWORD = "correct-horse-battery-1";
    private static final Duration G10 = Duration.ofSeconds(1);
    /** Nodes of one installation share the key that encrypts channel credentials (TOLLGATE_SECRET_KEY). */
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

    private static FakeOpenAiUpstream upstream;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static AdminApi adminOnA;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeOpenAiUpstream();
        nodeA = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                        "--tollgate.root-password=" + ROOT_PASSWORD,
                        "--tollgate.secret-key=" + SECRET_KEY,
                        "--spring.datasource.url=",
                        "--tollgate.db.url=");
        EmbeddedPostgresServer database =
                nodeA.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable();
        Assumptions.assumeTrue(database != null, "node A runs the embedded database, node B shares it");
        nodeB = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                        "--tollgate.root-password=" + ROOT_PASSWORD,
                        "--tollgate.secret-key=" + SECRET_KEY,
                        "--tollgate.db.url=" + database.jdbcUrl(),
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                        "--spring.datasource.password=");
        adminOnA = new AdminApi(port(nodeA)).loginAs("root", ROOT_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void g10_givenAKeyServedByBothNodes_whenItIsDisabledOnOne_thenTheOtherRefusesItWithinOneSecond() throws Exception {
        // given
        String model = "g10-key-model";
        adminOnA.createChannel("g10-key", upstream.baseUrl(), model, 0, 1, Map.of());
        adminOnA.setPrice(model, 1, 1);
        JsonNode token = adminOnA.createToken(Map.of("name", "g10", "unlimitedQuota", true));
        String key = token.get("key").asText();
        awaitStatus(nodeB, key, model, 200, Duration.ofSeconds(10));
        assertThat(chat(nodeA, key, model)).isEqualTo(200);

        // when
        AdminApi.Reply disabled =
                adminOnA.patch("/api/v1/tokens/" + token.get("id").asText(), Map.of("status", "disabled"));

        // then
        assertThat(disabled.status()).as(disabled.raw().body()).isEqualTo(200);
        assertThat(chat(nodeA, key, model)).isEqualTo(401);
        Duration tookOnB = awaitStatus(nodeB, key, model, 401, Duration.ofSeconds(5));
        log.info("G10: key disabled on node A, refused by node B after {} ms", tookOnB.toMillis());
        assertThat(tookOnB).as("refused by node B after %s", tookOnB).isLessThan(G10);
    }

    @Test
    void g10_givenAUserWithAKeyAndASession_whenTheUserIsDisabledOnOneNode_thenTheOtherRefusesBothWithinOneSecond()
            throws Exception {
        // given
        String model = "g10-user-model";
        adminOnA.createChannel("g10-user", upstream.baseUrl(), model, 0, 1, Map.of());
        adminOnA.setPrice(model, 1, 1);
        AdminApi.Reply created = adminOnA.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        "g10-" + UUID.randomUUID().toString().substring(0, 8),
                        "password",
                        USER_PASSWORD,
                        "role",
                        "USER"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String userId = created.json().get("id").asText();
        assertThat(adminOnA.post(
                                "/api/v1/users/" + userId + "/wallet/credits",
                                Map.of("amount", 100_000, "reason", "g10 test"))
                        .status())
                .isEqualTo(200);
        AdminApi userOnA =
                new AdminApi(port(nodeA)).loginAs(created.json().get("username").asText(), USER_PASSWORD);
        String key = userOnA.post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true))
                .json()
                .get("key")
                .asText();
        awaitStatus(nodeB, key, model, 200, Duration.ofSeconds(10));
        AdminApi sessionOnB = userOnA.on(port(nodeB));
        assertThat(sessionOnB.get("/api/v1/users/me").status()).isEqualTo(200);

        // when
        AdminApi.Reply disabled = adminOnA.patch("/api/v1/users/" + userId, Map.of("status", "disabled"));

        // then
        assertThat(disabled.status()).as(disabled.raw().body()).isEqualTo(200);
        Duration keyRefused = awaitStatus(nodeB, key, model, 401, Duration.ofSeconds(5));
        log.info("G10: user disabled on node A, their key refused by node B after {} ms", keyRefused.toMillis());
        assertThat(keyRefused).as("key refused by node B after %s", keyRefused).isLessThan(G10);
        assertThat(sessionOnB.get("/api/v1/users/me").status()).isEqualTo(401);
    }

    /**
     * G1 across nodes: a request in flight on node A holds its reservation on node B too (B learns it from the event
     * store), so B does not admit what the wallet could only pay for if A's request did not exist.
     */
    @Test
    void g1_givenARequestInFlightOnOneNode_whenTheOtherNodeAdmits_thenItCountsThatReservation() throws Exception {
        // given: 8 units; a request reserves 8 (8 output tokens at 1 unit, input free) and, once answered, costs 2
        String model = "g1-nodes-model";
        Payer payer = newPayer(model, 8);
        String userId = payer.userId();
        String key = payer.key();
        AdminApi adminOnB = adminOnA.on(port(nodeB));
        upstream.usage(12, 2);
        upstream.delay(3_000);

        // when: a request on node A is in flight (reserved all 8)
        CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> {
            try {
                return chat(nodeA, key, model, 8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await()
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> adminOnB.get("/api/v1/users/" + userId + "/wallet")
                                .json()
                                .get("reserved")
                                .asLong()
                        == 8);
        int onBWhileInFlight = chat(nodeB, key, model, 8);
        int onA1 = onA.get(10, TimeUnit.SECONDS);
        upstream.delay(0);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> adminOnB.get("/api/v1/users/" + userId + "/wallet")
                                .json()
                                .get("reserved")
                                .asLong()
                        == 0);

        // then: B refused while A held everything; once A paid 2, B is served (its output capped to the 6 left)
        assertThat(onA1).isEqualTo(200);
        assertThat(onBWhileInFlight).isEqualTo(429);
        assertThat(chat(nodeB, key, model, 8)).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> adminOnA.get("/api/v1/users/" + userId + "/wallet")
                                .json()
                                .get("used")
                                .asLong()
                        == 4);
        assertThat(adminOnA.get("/api/v1/users/" + userId + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(4);
    }

    /**
     * G1 across nodes at the same instant: 120 requests sent together, half to each node, for a wallet that pays for
     * 50. The nodes learn of each other's reservations only ~0.1 s later, too late for these requests; what keeps
     * them from admitting 50 each is their allowances, granted from the database.
     */
    @Test
    void g1_givenABurstOnBothNodesAtOnce_thenTogetherTheyNeverSpendMoreThanTheWallet() throws Exception {
        // given: 400 units; a request reserves 8 (8 output tokens at 1 unit, input free) and costs 8
        String model = "g1-burst-model";
        Payer payer = newPayer(model, 400);
        String userId = payer.userId();
        String key = payer.key();
        AdminApi adminOnB = adminOnA.on(port(nodeB));
        upstream.usage(12, 8);
        upstream.delay(300);

        // when
        List<Future<Integer>> replies = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 120; i++) {
                ConfigurableApplicationContext node = i % 2 == 0 ? nodeA : nodeB;
                replies.add(clients.submit(() -> {
                    go.await();
                    return chat(node, key, model, 8);
                }));
            }
            go.countDown();
        } finally {
            upstream.delay(0);
        }
        long served = 0;
        for (Future<Integer> reply : replies) {
            int status = reply.get();
            assertThat(status).isIn(200, 429);
            served += status == 200 ? 1 : 0;
        }

        // then: at most 50 served, the wallet paid exactly for them and is not below zero on either node
        long finalServed = served;
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> adminOnA.get("/api/v1/users/" + userId + "/wallet")
                                        .json()
                                        .get("used")
                                        .asLong()
                                == finalServed * 8
                        && adminOnB.get("/api/v1/users/" + userId + "/wallet")
                                        .json()
                                        .get("used")
                                        .asLong()
                                == finalServed * 8);
        log.info("burst of 120 on two nodes for a wallet of 50 requests: {} served", served);
        assertThat(served).isLessThanOrEqualTo(50).isGreaterThanOrEqualTo(25);
        assertThat(adminOnA.get("/api/v1/users/" + userId + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(400 - served * 8)
                .isNotNegative();
        assertThat(adminOnA.post("/api/v1/admin/reconciliations", Map.of())
                        .json()
                        .get("drifts"))
                .isEmpty();
    }

    /** A user and their unlimited key, drawing on a wallet credited with {@code units}. */
    private record Payer(String userId, String key) {}

    /**
     * A channel serving {@code model} at 1 unit per output token (input free), and a new user whose wallet holds
     * {@code units}, with a key; returns once node B sees the credit too.
     */
    private static Payer newPayer(String model, long units) throws Exception {
        adminOnA.createChannel(model + "-channel", upstream.baseUrl(), model, 0, 1, Map.of());
        adminOnA.setPrice(model, 0, 1_000_000);
        AdminApi.Reply created = adminOnA.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        "g1-" + UUID.randomUUID().toString().substring(0, 8),
                        "password",
                        USER_PASSWORD,
                        "role",
                        "USER"));
        String userId = created.json().get("id").asText();
        assertThat(adminOnA.post(
                                "/api/v1/users/" + userId + "/wallet/credits",
                                Map.of("amount", units, "reason", "g1 across nodes"))
                        .status())
                .isEqualTo(200);
        AdminApi userOnA =
                new AdminApi(port(nodeA)).loginAs(created.json().get("username").asText(), USER_PASSWORD);
        String key = userOnA.post("/api/v1/tokens", Map.of("name", "k", "unlimitedQuota", true))
                .json()
                .get("key")
                .asText();
        AdminApi adminOnB = adminOnA.on(port(nodeB));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> adminOnB.get("/api/v1/users/" + userId + "/wallet")
                                .json()
                                .get("balance")
                                .asLong()
                        == units);
        return new Payer(userId, key);
    }

    private static int chat(ConfigurableApplicationContext node, String key, String model, int maxTokens)
            throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + "/v1/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":"
                                        + maxTokens + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** Sends requests to the node until one answers {@code status}; returns how long that took. */
    private static Duration awaitStatus(
            ConfigurableApplicationContext node, String key, String model, int status, Duration atMost)
            throws Exception {
        long start = System.nanoTime();
        Awaitility.await()
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> chat(node, key, model) == status);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static int chat(ConfigurableApplicationContext node, String key, String model) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
