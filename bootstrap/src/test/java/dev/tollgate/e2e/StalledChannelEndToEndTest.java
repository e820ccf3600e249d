package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.TollgateApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 20: a hung upstream (it takes non-streamed requests and answers nothing) stops getting new requests once
 * {@code failure-threshold} of its attempts have waited longer than {@code stalled-after} for their head, long before
 * their 60 s head time-out; the waiting attempts are not cut, and the channel serves again once it answers. Its own
 * application context: the stall threshold is 1 s and the failure threshold 2 here.
 */
@SpringBootTest(
        classes = TollgateApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tollgate.relay.breaker.stalled-after=PT1S", "tollgate.relay.breaker.failure-threshold=2"})
@AutoConfigureObservability
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StalledChannelEndToEndTest {
    private static final String ROOT_PASSWORD = "e2e-stall-" + UUID.randomUUID();
    private static final Path DATA_DIR = TestDatabase.newDataDir();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
    }

    @BeforeEach
    void signIn() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
    }

    private HttpRequest chat(String key, String model) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    /** Polls {@code condition} (each poll is a call to the admin API) until it holds, failing after {@code within}. */
    private static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
        }
    }

    private String stalledGauge(String channelId) {
        String metrics = admin.get("/actuator/prometheus").raw().body();
        return metrics.lines()
                .filter(l -> l.startsWith("tollgate_relay_breaker_stalled_attempts{channel=\"" + channelId + "\"}"))
                .findFirst()
                .orElse("");
    }

    @Test
    void givenAHungPreferredChannel_whenItsAttemptsStall_thenNewRequestsGoToTheFallbackUntilItAnswersAgain()
            throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(2);
        try (FakeOpenAiUpstream hung = new FakeOpenAiUpstream();
                FakeOpenAiUpstream fallback = new FakeOpenAiUpstream()) {
            // given: the preferred channel takes requests and answers none until released (its head time-out is the
            // default 60 s); a healthy fallback one tier below
            hung.onRequest(() -> {
                arrived.countDown();
                try {
                    answer.await(90, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            String model = "stalled-" + UUID.randomUUID();
            String hungId = admin.createChannel("hung-" + model, hung.baseUrl(), model, 10, 1, Map.of());
            admin.createChannel("fallback-" + model, fallback.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 1_000_000);
            JsonNode token = admin.createToken(Map.of("name", "k", "quota", 100_000));
            String key = token.get("key").asText();

            // and two requests waiting on it for longer than the stall threshold (1 s)
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiting.add(http.sendAsync(chat(key, model), HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(arrived.await(20, TimeUnit.SECONDS))
                    .as("both reached the hung channel")
                    .isTrue();
            await(
                    "the stalled attempts are counted",
                    Duration.ofSeconds(20),
                    () -> stalledGauge(hungId).endsWith(" 2.0"));

            // when: new requests arrive
            List<Duration> took = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                HttpResponse<String> r = http.send(chat(key, model), HttpResponse.BodyHandlers.ofString());
                took.add(Duration.ofNanos(System.nanoTime() - started));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).contains(FakeOpenAiUpstream.REPLY);
            }

            // then: the fallback answered them at once, the hung channel got none of them
            assertThat(took).allSatisfy(t -> assertThat(t).isLessThan(Duration.ofSeconds(5)));
            assertThat(fallback.received()).hasSize(3);
            assertThat(hung.received()).hasSize(2);
            assertThat(waiting).noneMatch(CompletableFuture::isDone);

            // and when the hung channel answers, the waiting requests get its answers (never cut) and new requests go
            // to it again
            answer.countDown();
            for (CompletableFuture<HttpResponse<String>> w : waiting) {
                HttpResponse<String> r = w.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).contains(FakeOpenAiUpstream.REPLY);
            }
            assertThat(stalledGauge(hungId)).endsWith(" 0.0");
            HttpResponse<String> again = http.send(chat(key, model), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(hung.received()).hasSize(3);
            assertThat(fallback.received()).hasSize(3);

            // and each of the 6 answered requests was charged once: 12 + 8 tokens at 1 unit each
            String tokenPath = "/api/v1/tokens/" + token.get("id").asText();
            await(
                    "every answer charged",
                    Duration.ofSeconds(10),
                    () -> admin.get(tokenPath).json().get("usedQuota").asLong() >= 6 * 20);
            assertThat(admin.get(tokenPath).json().get("usedQuota").asLong()).isEqualTo(6 * 20);
        } finally {
            answer.countDown();
        }
    }
}
