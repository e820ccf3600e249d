package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.TollgateApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18 item 17 over HTTP: behind a trusted reverse proxy the client address is the forwarded one; one address
 * registers at most {@code tollgate.registration.max-per-address} times per window; while registration is open, a
 * sign-up needs a CAPTCHA token that Turnstile (here a fake verify server on loopback) accepts. A Tollgate of its own
 * (its settings differ from the shared one's), on a data directory of its own.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationHardeningEndToEndTest {
    private static final String ROOT_PASSWORD = "registration-" + UUID.randomUUID();
    private static final String SECRET = "turnstile-secret-" + UUID.randomUUID();
    private static final String SITE_KEY = "0x4AAAAAAA-test-site-key";
    private static final FakeTurnstile TURNSTILE = new FakeTurnstile();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private AdminApi admin;

    @DynamicPropertySource
    static void registrationProperties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, TestDatabase.newDataDir());
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        registry.add("tollgate.relay.trusted-proxies", () -> "127.0.0.1/32,::1/128");
        registry.add("tollgate.registration.max-per-address", () -> "3");
        registry.add("tollgate.registration.turnstile.site-key", () -> SITE_KEY);
        registry.add("tollgate.registration.turnstile.secret-key", () -> SECRET);
        registry.add("tollgate.registration.turnstile.verify-url", TURNSTILE::url);
    }

    @AfterAll
    static void stopTurnstile() {
        TURNSTILE.server.stop(0);
    }

    @BeforeEach
    void openRegistration() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
        assertThat(admin.put("/api/v1/settings/registration", Map.of("mode", "open"))
                        .status())
                .isEqualTo(200);
    }

    /** A registration as a browser behind the proxy at 127.0.0.1 whose address the proxy forwards. */
    private HttpResponse<String> register(String forwardedFor, String captchaToken) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", "reg-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("password", "correct-horse-battery-1");
        if (captchaToken != null) {
            body.put("captchaToken", captchaToken);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/register"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("code").asText();
    }

    @Test
    void givenOpenRegistrationWithACaptcha_whenTheModeIsAsked_thenTheSiteKeyIsPublished() throws Exception {
        // when
        AdminApi.Reply mode = admin.call("GET", "/api/v1/auth/registration", null, null);

        // then
        assertThat(mode.status()).isEqualTo(200);
        assertThat(mode.json().path("mode").asText()).isEqualTo("open");
        assertThat(mode.json().path("turnstileSiteKey").asText()).isEqualTo(SITE_KEY);
    }

    @Test
    void givenOpenRegistrationWithACaptcha_whenRegisteringWithoutAToken_then403AndNoAccount() throws Exception {
        // when
        HttpResponse<String> response = register("203.0.113.21", null);

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("captcha_failed");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void givenATokenTheServiceRefuses_whenRegistering_then403AndTheServiceSawTheSecretAndTheForwardedAddress()
            throws Exception {
        // when
        HttpResponse<String> response = register("203.0.113.22", "forged-token");

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("captcha_failed");
        assertThat(TURNSTILE.asked).anySatisfy(form -> {
            assertThat(form)
                    .containsEntry("secret", SECRET)
                    .containsEntry("response", "forged-token")
                    .containsEntry("remoteip", "203.0.113.22");
        });
    }

    @Test
    void givenASolvedCaptcha_whenRegistering_then201AndTheTokenCannotBeUsedTwice() throws Exception {
        // given
        String token = TURNSTILE.solve();

        // when
        HttpResponse<String> first = register("203.0.113.23", token);
        HttpResponse<String> replayed = register("203.0.113.23", token);

        // then
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(403);
    }

    @Test
    void givenATrustedProxy_whenOneForwardedAddressRegistersPastItsLimit_then429WhileAnotherAddressRegisters()
            throws Exception {
        // given: the forwarded chain ends in the proxy's own peer; the client is the right-most untrusted entry
        String flooder = "198.51.100.0, 203.0.113.30";
        for (int i = 0; i < 3; i++) {
            assertThat(register(flooder, TURNSTILE.solve()).statusCode()).isEqualTo(201);
        }

        // when
        HttpResponse<String> fourth = register(flooder, TURNSTILE.solve());
        HttpResponse<String> spoofedLeftEntry = register("203.0.113.31, 203.0.113.30", TURNSTILE.solve());
        HttpResponse<String> neighbour = register("203.0.113.32", TURNSTILE.solve());

        // then
        assertThat(fourth.statusCode()).as(fourth.body()).isEqualTo(429);
        assertThat(code(fourth)).isEqualTo("too_many_registrations");
        assertThat(Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(spoofedLeftEntry.statusCode())
                .as("a client-written left entry changes nothing")
                .isEqualTo(429);
        assertThat(neighbour.statusCode()).as(neighbour.body()).isEqualTo(201);
    }

    /** Turnstile's siteverify on loopback: accepts each token it handed out once, records every form it was sent. */
    static final class FakeTurnstile {
        final HttpServer server;
        final List<Map<String, String>> asked = new CopyOnWriteArrayList<>();
        private final Set<String> solved = ConcurrentHashMap.newKeySet();

        FakeTurnstile() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/turnstile/v0/siteverify", exchange -> {
                Map<String, String> form = new LinkedHashMap<>();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                for (String pair : body.split("&")) {
                    int eq = pair.indexOf('=');
                    form.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                asked.add(form);
                boolean success = "POST".equals(exchange.getRequestMethod())
                        && SECRET.equals(form.get("secret"))
                        && solved.remove(form.get("response"));
                byte[] answer = ("{\"success\":" + success + ",\"error-codes\":"
                                + (success ? "[]" : "[\"invalid-input-response\"]") + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/turnstile/v0/siteverify";
        }

        String solve() {
            String token = "solved-" + UUID.randomUUID();
            solved.add(token);
            return token;
        }
    }
}
