package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The web console's sign-in over real HTTP: the session cookie's flags, CSRF refusal of changes made with the cookie
 * alone, sign-out, and bearer tokens working exactly as before (with or without a cookie beside them).
 */
class BrowserSessionEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A browser session: the cookie and the CSRF token the sign-in answered. */
    record Session(String cookie, String csrfToken) {}

    @Test
    void givenRootPassword_whenSigningInForTheBrowser_thenTheTokenIsInAnHttpOnlyStrictCookieAndNotInTheAnswer() {
        // given / when
        Answer answer =
                call("POST", "/api/v1/auth/session", Map.of("username", "root", "password", ROOT_PASSWORD), Map.of());

        // then
        assertThat(answer.status()).isEqualTo(200);
        String setCookie = answer.header("Set-Cookie");
        assertThat(setCookie)
                .startsWith("tollgate-session=")
                .contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200")
                .doesNotContain("Secure", "Domain");
        assertThat(answer.json().has("accessToken")).isFalse();
        assertThat(answer.json().get("role").asText()).isEqualTo("ROOT");
        assertThat(answer.json().get("username").asText()).isEqualTo("root");
        assertThat(answer.json().get("csrfToken").asText()).hasSizeGreaterThan(40);
        assertThat(answer.raw().body()).doesNotContain(cookieValue(setCookie));
    }

    @Test
    void givenWrongPassword_whenSigningInForTheBrowser_thenProblemAndNoCookie() {
        // when
        Answer answer = call(
                "POST", "/api/v1/auth/session", Map.of("username", "root", "password", "wrong-password"), Map.of());

        // then
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(answer.header("Set-Cookie")).isNull();
    }

    @Test
    void givenSessionCookie_whenReadingTheSession_thenTheSameCsrfTokenAndUserComeBack() {
        // given
        Session session = browserSignIn();

        // when
        Answer answer = call("GET", "/api/v1/auth/session", null, Map.of("Cookie", session.cookie()));

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("csrfToken").asText()).isEqualTo(session.csrfToken());
        assertThat(answer.json().get("role").asText()).isEqualTo("ROOT");
        assertThat(call("GET", "/api/v1/tokens", null, Map.of("Cookie", session.cookie()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void givenNoSession_whenReadingTheSession_thenUnauthorized() {
        // when
        Answer answer = call("GET", "/api/v1/auth/session", null, Map.of());

        // then
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void givenSessionCookie_whenChangingWithoutOrWithAWrongCsrfToken_thenForbiddenAndNothingChanges() {
        // given
        Session session = browserSignIn();
        String name = "csrf-" + UUID.randomUUID();
        String other = "other" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post(
                                "/api/v1/users",
                                Map.of("username", other, "password", "other-password-1234", "role", "USER"))
                        .status())
                .isEqualTo(201);
        String othersCsrfToken = call(
                        "POST",
                        "/api/v1/auth/session",
                        Map.of("username", other, "password", "other-password-1234"),
                        Map.of())
                .json()
                .get("csrfToken")
                .asText();

        // when
        Answer without =
                call("POST", "/api/v1/tokens", Map.of("name", name, "quota", 1000), Map.of("Cookie", session.cookie()));
        Answer wrong = call(
                "POST",
                "/api/v1/tokens",
                Map.of("name", name, "quota", 1000),
                Map.of("Cookie", session.cookie(), "X-CSRF-Token", session.csrfToken() + "x"));
        Answer otherSessions = call(
                "POST",
                "/api/v1/tokens",
                Map.of("name", name, "quota", 1000),
                Map.of("Cookie", session.cookie(), "X-CSRF-Token", othersCsrfToken));

        // then
        for (Answer refused : List.of(without, wrong, otherSessions)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).isEqualTo("csrf_token_invalid");
        }
        assertThat(admin.get("/api/v1/tokens?size=200").raw().body()).doesNotContain(name);
    }

    @Test
    void givenSessionCookieAndItsCsrfToken_whenChanging_thenDone() {
        // given
        Session session = browserSignIn();
        String name = "csrf-ok-" + UUID.randomUUID();

        // when
        Answer created = call(
                "POST",
                "/api/v1/tokens",
                Map.of("name", name, "quota", 1000),
                Map.of("Cookie", session.cookie(), "X-CSRF-Token", session.csrfToken()));

        // then
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("key").asText()).startsWith("sk-");
        assertThat(admin.get("/api/v1/tokens?size=200").raw().body()).contains(name);
    }

    @Test
    void givenBearerToken_whenChangingWithoutCsrfToken_thenAcceptedAsBeforeAndAnyCookieIsIgnored() {
        // given
        String bearer = "Bearer "
                + call("POST", "/api/v1/auth/login", Map.of("username", "root", "password", ROOT_PASSWORD), Map.of())
                        .json()
                        .get("accessToken")
                        .asText();

        // when
        Answer plain = call(
                "POST",
                "/api/v1/tokens",
                Map.of("name", "bearer-" + UUID.randomUUID(), "quota", 1000),
                Map.of("Authorization", bearer));
        Answer withStaleCookie = call(
                "POST",
                "/api/v1/tokens",
                Map.of("name", "bearer-" + UUID.randomUUID(), "quota", 1000),
                Map.of("Authorization", bearer, "Cookie", "tollgate-session=not-a-token"));
        Answer badBearerGoodCookie = call(
                "GET",
                "/api/v1/tokens",
                null,
                Map.of(
                        "Authorization",
                        "Bearer not-a-token",
                        "Cookie",
                        browserSignIn().cookie()));

        // then
        assertThat(plain.status()).isEqualTo(201);
        assertThat(withStaleCookie.status()).isEqualTo(201);
        assertThat(badBearerGoodCookie.status()).isEqualTo(401);
    }

    @Test
    void givenSession_whenSigningOut_thenTheCookieIsClearedEvenWithoutCsrfToken() {
        // given
        Session session = browserSignIn();

        // when
        Answer answer = call("DELETE", "/api/v1/auth/session", null, Map.of("Cookie", session.cookie()));

        // then
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Set-Cookie"))
                .startsWith("tollgate-session=;")
                .contains("Max-Age=0", "HttpOnly", "SameSite=Strict");
    }

    @Test
    void givenConsole_whenLoadingItsPagesWithoutSignIn_thenServedUnderAStrictContentSecurityPolicy() {
        for (String path : List.of("/", "/console/app.js", "/console/console.css")) {
            // when
            Answer answer = call("GET", path, null, Map.of());

            // then
            assertThat(answer.status()).as(path).isEqualTo(200);
            String csp = answer.header("Content-Security-Policy");
            assertThat(csp)
                    .as(path)
                    .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(call("GET", "/", null, Map.of()).raw().body())
                .contains("/console/app.js")
                .doesNotContainPattern("<script(?![^>]*src=)")
                .doesNotContain("style=");
        assertThat(call("GET", "/console/../application.yml", null, Map.of()).status())
                .isNotEqualTo(200);
        assertThat(call("GET", "/internal.html", null, Map.of()).status()).isIn(401, 403, 404);
    }

    private Session browserSignIn() {
        Answer answer =
                call("POST", "/api/v1/auth/session", Map.of("username", "root", "password", ROOT_PASSWORD), Map.of());
        assertThat(answer.status()).isEqualTo(200);
        String setCookie = answer.header("Set-Cookie");
        return new Session(
                "tollgate-session=" + cookieValue(setCookie),
                answer.json().get("csrfToken").asText());
    }

    private static String cookieValue(String setCookie) {
        String pair = setCookie.substring(0, setCookie.indexOf(';'));
        return pair.substring(pair.indexOf('=') + 1);
    }

    private Answer call(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            List<String> pairs = new ArrayList<>();
            headers.forEach((k, v) -> {
                pairs.add(k);
                pairs.add(v);
            });
            if (!pairs.isEmpty()) {
                b.headers(pairs.toArray(String[]::new));
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            b.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = r.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Answer(r.statusCode(), r, isJson && !r.body().isBlank() ? JSON.readTree(r.body()) : null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
