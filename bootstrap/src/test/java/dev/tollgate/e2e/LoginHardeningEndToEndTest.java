package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 12 (the accounts side): the login throttle cannot be raced by concurrent guesses, and the
 * unauthenticated auth endpoints read bounded bodies.
 */
class LoginHardeningEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void givenFortyConcurrentWrongPasswords_whenTheyArriveTogether_thenAtMostTenAreCheckedAndTheRestThrottled()
            throws Exception {
        // given
        String name = uniqueModel("race");
        admin.post("/api/v1/users", Map.of("username", name, "password", "correct-horse-battery-12", "role", "USER"));

        // when
        List<Future<Integer>> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(40)) {
            for (int i = 0; i < 40; i++) {
                int guess = i;
                AdminApi client = new AdminApi(port);
                client.call("GET", "/api/status", null, null); // connected before the start
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.call(
                                    "POST",
                                    "/api/v1/auth/login",
                                    Map.of("username", name, "password", "guess-" + guess),
                                    null)
                            .status();
                }));
            }
            go.countDown();
        }
        int checked = 0;
        int throttled = 0;
        for (Future<Integer> a : answers) {
            int status = a.get();
            if (status == 401) {
                checked++;
            } else if (status == 429) {
                throttled++;
            }
        }

        // then
        assertThat(checked).as("checked %d, throttled %d", checked, throttled).isLessThanOrEqualTo(10);
        assertThat(checked + throttled).isEqualTo(40);
    }

    @Test
    void givenAHugeBody_whenPostedToLogin_then413BeforeAnyPasswordIsHashed() throws Exception {
        // given
        String huge = "{\"username\":\"root\",\"password\":\"" + "x".repeat(200_000) + "\"}";

        // when
        HttpResponse<String> declared = http.send(
                HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(huge))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/auth/register"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(declared.body()).contains("payload_too_large");
        assertThat(chunked.statusCode()).as(chunked.body()).isIn(400, 413);
        assertThat(admin.call("POST", "/api/v1/auth/login", Map.of("username", "root", "password", ROOT_PASSWORD), null)
                        .status())
                .isEqualTo(200);
    }
}
