package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The browser sign-in on two Tollgate nodes sharing one database, without sticky sessions: a flow started on node A
 * completes on node B (GitHub, OIDC with its nonce and PKCE verifier, and a link flow with its user), once; the same
 * callback replayed is refused; a callback carried to another browser (without the binding cookie, or with a binding
 * cookie of its own) is refused and leaves the flow to its own browser; a flow older than its lifetime is refused
 * with a clear message. A balancer without stickiness is played by sending the callback to node B's port: the
 * browser's cookies are per host, as behind one public name.
 */
class ExternalLoginAcrossNodesEndToEndTest {
    private static final String ROOT_PASSWORD = "e2e-oauth-nodes-" + UUID.randomUUID();
    private static final String PASSWORD = "correct-horse-battery-7";
    private static final String FRONTEND = "http://127.0.0.1:9/app/signed-in";
    private static final String OIDC_CLIENT = "tollgate-oidc-nodes";
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    private static final AtomicLong IDS = new AtomicLong(70_000);
    private static FakeOAuthProviders providers;
    private static MockOAuth2Server oidc;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static JdbcTemplate database;
    private static AdminApi adminOnA;

    @BeforeAll
    static void start() throws IOException {
        providers = new FakeOAuthProviders();
        oidc = new MockOAuth2Server();
        oidc.start(InetAddress.getByName("127.0.0.1"), 0);
        nodeA = new SpringApplicationBuilder(TollgateApplication.class)
                .run(args("--spring.datasource.url=", "--tollgate.db.url="));
        EmbeddedPostgresServer server =
                nodeA.getBeanProvider(EmbeddedPostgresServer.class).getIfAvailable();
        Assumptions.assumeTrue(server != null, "node A runs the embedded database, node B shares it");
        nodeB = new SpringApplicationBuilder(TollgateApplication.class)
                .run(args(
                        "--tollgate.db.url=" + server.jdbcUrl(),
                        "--spring.datasource.url=" + server.jdbcUrl(),
                        "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                        "--spring.datasource.password="));
        database = new JdbcTemplate(nodeA.getBean(DataSource.class));
        adminOnA = new AdminApi(port(nodeA)).loginAs("root", ROOT_PASSWORD);
        assertThat(adminOnA.put("/api/v1/settings/registration", Map.of("mode", "open"))
                        .status())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "open"
                        .equals(new AdminApi(port(nodeB))
                                .get("/api/v1/auth/registration")
                                .json()
                                .get("mode")
                                .asText()));
    }

    private static String[] args(String... database) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                "--tollgate.root-password=" + ROOT_PASSWORD,
                "--tollgate.secret-key=" + SECRET_KEY,
                "--tollgate.auth.frontend-url=" + FRONTEND,
                "--tollgate.auth.github.client-id=" + FakeOAuthProviders.GITHUB_CLIENT,
                "--tollgate.auth.github.client-secret=" + FakeOAuthProviders.GITHUB_SECRET,
                "--tollgate.auth.github.base-url=" + providers.githubBaseUrl(),
                "--tollgate.auth.github.api-url=" + providers.githubApiUrl(),
                "--tollgate.auth.oidc.client-id=" + OIDC_CLIENT,
                "--tollgate.auth.oidc.client-secret=oidc-secret",
                "--tollgate.auth.oidc.issuer-uri=" + oidc.issuerUrl("corp")));
        args.addAll(List.of(database));
        return args.toArray(String[]::new);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (providers != null) {
            providers.close();
        }
        if (oidc != null) {
            oidc.shutdown();
        }
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static String on(ConfigurableApplicationContext node, String path) {
        return "http://127.0.0.1:" + port(node) + path;
    }

    /** The callback URL the provider sends the browser back to, taken to node B as a balancer might. */
    private static String toNodeB(String callback) {
        assertThat(callback).startsWith(on(nodeA, "/login/oauth2/code/"));
        return on(nodeB, callback.substring(on(nodeA, "").length()));
    }

    /** The browser starts the flow on node A and comes back from the provider; the callback URL (not yet opened). */
    private static String startOnNodeA(Browser browser, String startUrl) {
        HttpResponse<String> start = browser.get(startUrl);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        assertThat(start.headers().allValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith("JSESSIONID="))
                .anyMatch(c -> c.startsWith("tollgate-oauth="));
        return browser.followUntil(Browser.location(start), on(nodeA, "/login/oauth2/code/"));
    }

    private static Map<String, String> fragmentOf(HttpResponse<String> callback) {
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(Browser.location(callback)).startsWith(FRONTEND + "#");
        return Browser.params(Browser.location(callback), '#');
    }

    private static JsonNode meOnNodeB(Map<String, String> fragment) {
        assertThat(fragment).as("the front end got %s", fragment).containsKey("code");
        AdminApi.Reply exchanged = new AdminApi(port(nodeB))
                .call("POST", "/api/v1/auth/oauth/exchange", Map.of("code", fragment.get("code")), null);
        assertThat(exchanged.status()).as(exchanged.raw().body()).isEqualTo(200);
        AdminApi.Reply me = new AdminApi(port(nodeB))
                .call(
                        "GET",
                        "/api/v1/users/me",
                        null,
                        exchanged.json().get("accessToken").asText());
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        return me.json();
    }

    private static int tokenRequestsFor(String code) {
        return providers
                .server()
                .findAll(postRequestedFor(urlPathEqualTo("/github/login/oauth/access_token"))
                        .withRequestBody(containing("code=" + code)))
                .size();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenAGitHubSignInHandedToTheConsole_whenItsCodeIsExchangedForASession_thenCookieSessionOnceAndNoReplay() {
        // given: the flow ends at the console with #code=
        long id = IDS.incrementAndGet();
        providers.nextGitHubUser(id, "console" + id, List.of());
        Browser browser = new Browser();
        Map<String, String> fragment =
                fragmentOf(browser.get(toNodeB(startOnNodeA(browser, on(nodeA, "/oauth2/authorization/github")))));

        // when
        AdminApi.Reply session = new AdminApi(port(nodeB))
                .call("POST", "/api/v1/auth/session/external", Map.of("code", fragment.get("code")), null);
        AdminApi.Reply replayed = new AdminApi(port(nodeA))
                .call("POST", "/api/v1/auth/session/external", Map.of("code", fragment.get("code")), null);

        // then
        assertThat(session.status()).as(session.raw().body()).isEqualTo(200);
        assertThat(session.json().get("username").asText()).isEqualTo("console" + id);
        assertThat(session.json().get("csrfToken").asText()).isNotBlank();
        assertThat(session.json().has("accessToken")).isFalse();
        String setCookie = session.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("tollgate-session=").contains("HttpOnly", "SameSite=Strict");
        HttpResponse<String> me =
                new Browser().get(on(nodeB, "/api/v1/auth/session"), setCookie.substring(0, setCookie.indexOf(';')));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"console" + id + "\"");
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.json().get("code").asText()).isEqualTo("invalid_sign_in_code");
        assertThat(replayed.raw().headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void givenAGitHubSignInStartedOnNodeA_whenTheCallbackReachesNodeB_thenSignedInOnceAndTheReplayIsRefused() {
        // given
        long id = IDS.incrementAndGet();
        providers.nextGitHubUser(id, "nodes" + id, List.of());
        Browser browser = new Browser();
        String callback = toNodeB(startOnNodeA(browser, on(nodeA, "/oauth2/authorization/github")));

        // when
        HttpResponse<String> completed = browser.get(callback);
        HttpResponse<String> replayedOnB = browser.get(callback);
        HttpResponse<String> replayedOnA = browser.get(callback.replace(on(nodeB, ""), on(nodeA, "")));

        // then
        JsonNode me = meOnNodeB(fragmentOf(completed));
        assertThat(me.get("username").asText()).isEqualTo("nodes" + id);
        assertThat(completed.headers().allValues("Set-Cookie"))
                .noneMatch(c -> c.startsWith("JSESSIONID="))
                .anyMatch(c -> c.startsWith("tollgate-oauth=;") && c.contains("Max-Age=0"));
        assertThat(fragmentOf(replayedOnB))
                .containsEntry("error", "invalid_state")
                .doesNotContainKey("code");
        assertThat(fragmentOf(replayedOnA))
                .containsEntry("error", "invalid_state")
                .doesNotContainKey("code");
        assertThat(tokenRequestsFor("gh-code-" + id))
                .as("GitHub's code is redeemed once")
                .isEqualTo(1);
    }

    @Test
    void givenACallbackCarriedToAnotherBrowser_whenItArrives_thenRefusedAndTheFlowStaysWithItsOwnBrowser() {
        // given: Alice's flow, back from GitHub; Mallory has a flow (and a binding cookie) of her own
        long id = IDS.incrementAndGet();
        providers.nextGitHubUser(id, "alice" + id, List.of());
        Browser alice = new Browser();
        String callback = toNodeB(startOnNodeA(alice, on(nodeA, "/oauth2/authorization/github")));
        Browser mallory = new Browser();
        mallory.get(on(nodeA, "/oauth2/authorization/github"));

        // when: Alice's callback is opened in a browser that never started a flow, and in Mallory's
        HttpResponse<String> stranger = new Browser().get(callback);
        HttpResponse<String> withAnotherBinding = mallory.get(callback);
        // and then in Alice's own browser
        HttpResponse<String> own = alice.get(callback);

        // then
        assertThat(fragmentOf(stranger))
                .containsEntry("error", "invalid_state")
                .containsEntry(
                        "error_description",
                        "this sign-in was not started in this browser, was already "
                                + "used or has expired; start the sign-in again");
        assertThat(fragmentOf(withAnotherBinding)).containsEntry("error", "invalid_state");
        assertThat(meOnNodeB(fragmentOf(own)).get("username").asText()).isEqualTo("alice" + id);
        assertThat(tokenRequestsFor("gh-code-" + id)).isEqualTo(1);
    }

    @Test
    void givenAFlowOlderThanItsLifetime_whenItsCallbackArrives_thenRefusedWithAClearMessageAndNothingChanges() {
        // given: a flow whose request expired (its expiry moved into the past, as ten minutes would)
        long id = IDS.incrementAndGet();
        providers.nextGitHubUser(id, "late" + id, List.of());
        Browser browser = new Browser();
        String callback = toNodeB(startOnNodeA(browser, on(nodeA, "/oauth2/authorization/github")));
        String stateHash = sha256(Browser.params(callback, '?').get("state"));
        assertThat(database.update(
                        "update oauth_authorization_request set expires_at = now() - interval '1 second'"
                                + " where state_hash = ?",
                        stateHash))
                .isOne();

        // when
        HttpResponse<String> late = browser.get(callback);
        HttpResponse<String> again = browser.get(callback);

        // then
        assertThat(fragmentOf(late))
                .containsEntry("error", "sign_in_expired")
                .containsEntry(
                        "error_description",
                        "this sign-in was started more than 10 minutes ago and has "
                                + "expired; start the sign-in again");
        assertThat(fragmentOf(again)).containsEntry("error", "invalid_state");
        assertThat(database.queryForObject(
                        "select count(*) from oauth_authorization_request where state_hash = ?",
                        Integer.class,
                        stateHash))
                .isZero();
        assertThat(tokenRequestsFor("gh-code-" + id))
                .as("an expired flow never reaches the provider")
                .isZero();
    }

    @Test
    void givenAnOidcSignInStartedOnNodeA_whenTheCallbackReachesNodeB_thenTheNonceAndVerifierCheckOutThere() {
        // given
        String subject = "nodes-sub-" + IDS.incrementAndGet();
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(
                "corp",
                subject,
                JOSEObjectType.JWT.getType(),
                List.of(OIDC_CLIENT),
                Map.of("preferred_username", "oidc-" + subject, "email_verified", false),
                3600));
        Browser browser = new Browser();
        String callback = toNodeB(startOnNodeA(browser, on(nodeA, "/oauth2/authorization/oidc")));

        // when
        HttpResponse<String> completed = browser.get(callback);

        // then
        JsonNode me = meOnNodeB(fragmentOf(completed));
        assertThat(me.get("username").asText()).isEqualTo("oidc-" + subject);
        assertThat(database.queryForObject(
                        "select count(*) from oauth_authorization_request where state_hash = ?",
                        Integer.class,
                        sha256(Browser.params(callback, '?').get("state"))))
                .isZero();
    }

    @Test
    void givenALinkStartedOnNodeA_whenTheCallbackReachesNodeB_thenTheLinkIsForTheUserWhoStartedIt() {
        // given: a password user starts linking GitHub from their session on node A
        String name = "linker" + IDS.incrementAndGet();
        assertThat(adminOnA.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        AdminApi userOnA = new AdminApi(port(nodeA)).loginAs(name, PASSWORD);
        AdminApi userOnB = userOnA.on(port(nodeB));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> userOnB.get("/api/v1/users/me").status() == 200);
        long id = IDS.incrementAndGet();
        providers.nextGitHubUser(id, "gh" + id, List.of());
        String url = userOnA.post("/api/v1/users/me/identities/github/link-start", Map.of())
                .json()
                .get("authorizationUrl")
                .asText();
        Browser browser = new Browser();
        String callback = toNodeB(startOnNodeA(browser, url));

        // when
        Map<String, String> fragment = fragmentOf(browser.get(callback));
        AdminApi.Reply completed =
                userOnB.post("/api/v1/users/me/identities/link-complete", Map.of("code", fragment.get("link_code")));

        // then
        assertThat(fragment).containsKey("link_code").doesNotContainKey("code");
        assertThat(completed.status()).as(completed.raw().body()).isEqualTo(200);
        assertThat(completed.json().get("subject").asText()).isEqualTo(Long.toString(id));
    }
}
