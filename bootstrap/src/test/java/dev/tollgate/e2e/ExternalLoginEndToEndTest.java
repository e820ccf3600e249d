package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.JOSEObjectType;
import dev.tollgate.TollgateApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in with GitHub, Feishu and OIDC through the full authorization-code flow, against local fake authorization
 * servers (WireMock for GitHub and Feishu, mock-oauth2-server for OIDC), with a browser driven by hand: first sign-in
 * creates the user (open registration) or is refused (closed); a wrong state, a refusal at the provider, a failing
 * token endpoint and Feishu's non-zero codes end with a clear message and change nothing; an identity never signs in
 * to another account because an e-mail or a name matches; linking needs the account's own session; the last way to
 * sign in cannot be unlinked; the hand-off code gives the same bearer token as a password login, once.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExternalLoginEndToEndTest {
    private static final String ROOT_PASSWORD = "e2e-oauth-" + UUID.randomUUID();
    private static final String PASSWORD = "correct-horse-battery-9";
    private static final String FRONTEND = "http://127.0.0.1:9/app/signed-in";
    private static final String OIDC_CLIENT = "tollgate-oidc";
    private static final Path DATA_DIR = TestDatabase.newDataDir();
    private static final FakeOAuthProviders PROVIDERS = new FakeOAuthProviders();
    private static final MockOAuth2Server OIDC = startOidc();
    private static final AtomicLong IDS = new AtomicLong(9_000);

    @LocalServerPort
    int port;

    private AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        registry.add("tollgate.auth.frontend-url", () -> FRONTEND);
        registry.add("tollgate.auth.github.client-id", () -> FakeOAuthProviders.GITHUB_CLIENT);
        registry.add("tollgate.auth.github.client-secret", () -> FakeOAuthProviders.GITHUB_SECRET);
        registry.add("tollgate.auth.github.base-url", PROVIDERS::githubBaseUrl);
        registry.add("tollgate.auth.github.api-url", PROVIDERS::githubApiUrl);
        registry.add("tollgate.auth.feishu.client-id", () -> FakeOAuthProviders.FEISHU_CLIENT);
        registry.add("tollgate.auth.feishu.client-secret", () -> FakeOAuthProviders.FEISHU_SECRET);
        registry.add("tollgate.auth.feishu.host", PROVIDERS::feishuHost);
        registry.add("tollgate.auth.feishu.accounts-host", PROVIDERS::feishuAccountsHost);
        registry.add("tollgate.auth.oidc.client-id", () -> OIDC_CLIENT);
        registry.add("tollgate.auth.oidc.client-secret", () -> "oidc-secret");
        registry.add(
                "tollgate.auth.oidc.issuer-uri", () -> OIDC.issuerUrl("corp").toString());
        registry.add("tollgate.auth.oidc.name", () -> "Corp SSO");
    }

    @AfterAll
    static void stopProviders() {
        PROVIDERS.close();
        OIDC.shutdown();
    }

    @BeforeEach
    void signInAsRoot() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
        registration("open");
    }

    private static MockOAuth2Server startOidc() {
        MockOAuth2Server server = new MockOAuth2Server();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    private String tollgate(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void registration(String mode) {
        assertThat(admin.put("/api/v1/settings/registration", Map.of("mode", mode))
                        .status())
                .isEqualTo(200);
    }

    /** Runs the browser from Tollgate's start URL through the provider back to the front end; the fragment. */
    private Map<String, String> browserFlow(Browser browser, String startUrl) {
        return Browser.params(browser.followUntil(startUrl, FRONTEND), '#');
    }

    private Map<String, String> signInWith(String provider) {
        return browserFlow(new Browser(), tollgate("/oauth2/authorization/" + provider));
    }

    private AdminApi.Reply exchange(String code) {
        return new AdminApi(port).call("POST", "/api/v1/auth/oauth/exchange", Map.of("code", code), null);
    }

    private String bearerFor(Map<String, String> fragment) {
        assertThat(fragment).as("the front end got %s", fragment).containsKey("code");
        AdminApi.Reply exchanged = exchange(fragment.get("code"));
        assertThat(exchanged.status()).as(exchanged.raw().body()).isEqualTo(200);
        return exchanged.json().get("accessToken").asText();
    }

    private AdminApi.Reply as(String bearer, String method, String path, Object body) {
        return new AdminApi(port).call(method, path, body, bearer);
    }

    private JsonNode me(String bearer) {
        AdminApi.Reply me = as(bearer, "GET", "/api/v1/users/me", null);
        assertThat(me.status()).as(me.raw().body()).isEqualTo(200);
        return me.json();
    }

    /**
     * The number of users in the list, once it has settled: the list is a projection a few milliseconds behind the
     * commands (ADR 12), so it is read until two reads 100 ms apart agree.
     */
    private int userCount() {
        java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> {
                    int now = admin.get("/api/v1/users?size=200")
                            .json()
                            .get("total")
                            .asInt();
                    return now == last.getAndSet(now);
                });
        return last.get();
    }

    private long newGitHubId() {
        return IDS.incrementAndGet();
    }

    private void nextOidcUser(String subject, String preferredUsername, String email, boolean emailVerified) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", preferredUsername);
        claims.put("name", preferredUsername + " Example");
        claims.put("email", email);
        claims.put("email_verified", emailVerified);
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback(
                "corp", subject, JOSEObjectType.JWT.getType(), List.of(OIDC_CLIENT), claims, 3600));
    }

    @Test
    void givenOpenRegistration_whenANewGitHubUserSignsIn_thenAUserIsCreatedAndTheCodeGivesABearerTokenOnce() {
        // given
        long id = newGitHubId();
        String login = "octo" + id;
        PROVIDERS.nextGitHubUser(
                id, login, List.of(new Object[] {"old-" + login + "@example.com", false, true}, new Object[] {
                    login + "@example.com", true, true
                }));
        Browser browser = new Browser();

        // when: the start redirects to GitHub with our client, a state and PKCE
        HttpResponse<String> start = browser.get(tollgate("/oauth2/authorization/github"));
        Map<String, String> authorize = Browser.params(Browser.location(start), '?');
        Map<String, String> fragment = browserFlow(browser, Browser.location(start));
        String bearer = bearerFor(fragment);
        AdminApi.Reply again = exchange(fragment.get("code"));

        // then
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(Browser.location(start)).startsWith(PROVIDERS.githubBaseUrl() + "/login/oauth/authorize?");
        assertThat(authorize)
                .containsEntry("client_id", FakeOAuthProviders.GITHUB_CLIENT)
                .containsEntry("redirect_uri", tollgate("/login/oauth2/code/github"))
                .containsEntry("response_type", "code")
                .containsKey("state")
                .containsKey("code_challenge");
        assertThat(fragment.get("expires_in")).isEqualTo("60");
        JsonNode me = me(bearer);
        assertThat(me.get("username").asText()).isEqualTo(login);
        assertThat(me.get("role").asText()).isEqualTo("USER");
        AdminApi.Reply identities = as(bearer, "GET", "/api/v1/users/me/identities", null);
        assertThat(identities.json().get(0).get("provider").asText()).isEqualTo("github");
        assertThat(identities.json().get(0).get("subject").asText()).isEqualTo(Long.toString(id));
        assertThat(identities.json().get(0).get("email").asText()).isEqualTo(login + "@example.com");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("invalid_sign_in_code");
        // no password yet: a password login is refused, whatever is tried
        assertThat(new AdminApi(port)
                        .call(
                                "POST",
                                "/api/v1/auth/login",
                                Map.of("username", login, "password", "anything-at-all-123"),
                                null)
                        .status())
                .isEqualTo(401);

        // and when the same GitHub account signs in again, it is the same user
        PROVIDERS.nextGitHubUser(id, login, List.of());
        assertThat(me(bearerFor(signInWith("github"))).get("id").asText())
                .isEqualTo(me.get("id").asText());
    }

    @Test
    void givenClosedRegistration_whenANewIdentitySignsIn_thenRefusedWithAClearMessageAndNoUserIsCreated() {
        // given
        registration("closed");
        long id = newGitHubId();
        PROVIDERS.nextGitHubUser(id, "closed" + id, List.of());
        int users = userCount();

        // when
        Map<String, String> fragment = signInWith("github");

        // then
        assertThat(fragment).containsEntry("error", "registration_closed").doesNotContainKey("code");
        assertThat(fragment.get("error_description"))
                .contains("registration is closed")
                .contains("ask an administrator");
        assertThat(userCount()).isEqualTo(users);
    }

    @Test
    void givenAWrongState_whenTheCallbackArrives_thenRefusedAndNothingChanges() {
        // given: a flow started in this browser
        long id = newGitHubId();
        PROVIDERS.nextGitHubUser(id, "state" + id, List.of());
        Browser browser = new Browser();
        browser.get(tollgate("/oauth2/authorization/github"));
        int users = userCount();

        // when: the callback carries a state this browser never got (a forged or replayed callback)
        HttpResponse<String> callback =
                browser.get(tollgate("/login/oauth2/code/github?code=gh-code-" + id + "&state=forged-state"));
        // and a callback in a browser that started nothing
        HttpResponse<String> stranger =
                new Browser().get(tollgate("/login/oauth2/code/github?code=gh-code-" + id + "&state=forged-state"));

        // then
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(Browser.params(Browser.location(callback), '#')).containsEntry("error", "invalid_state");
        assertThat(Browser.params(Browser.location(callback), '#').get("error_description"))
                .isEqualTo("this sign-in was not started in this browser, was already used or has expired; "
                        + "start the sign-in again");
        assertThat(Browser.params(Browser.location(stranger), '#')).containsEntry("error", "invalid_state");
        assertThat(userCount()).isEqualTo(users);
        PROVIDERS
                .server()
                .verify(
                        0,
                        WireMock.postRequestedFor(WireMock.urlPathEqualTo("/github/login/oauth/access_token"))
                                .withRequestBody(WireMock.containing("code=gh-code-" + id)));
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void givenACallbackErrorWithLineBreaks_whenTheFailureIsLogged_thenNoLineIsForged(
            org.springframework.boot.test.system.CapturedOutput out) {
        // given: the provider's (or anyone's) callback carries a description with a forged log line in it
        PROVIDERS.nextGitHubRefusal(
                "denied%0D%0A2026-12-07T00:00:00.000Z++WARN+1+---+%5Bmain%5D+forged+:+root+signed+in");

        // when
        Map<String, String> denied = signInWith("github");

        // then
        assertThat(denied).containsEntry("error", "access_denied");
        assertThat(out.getAll())
                .contains("sign-in failed: access_denied denied\\r\\n2026-12-07T00:00:00.000Z")
                .doesNotContain("\n2026-12-07T00:00:00.000Z  WARN 1 --- [main] forged");
    }

    @Test
    void givenProviderErrors_whenTheFlowEnds_thenEachIsAClearMessageAndNoUserIsCreated() {
        // given
        int users = userCount();

        // when: the user refuses at GitHub
        PROVIDERS.nextGitHubRefusal();
        Map<String, String> denied = signInWith("github");
        // GitHub's token endpoint fails
        PROVIDERS.nextGitHubTokenFailure();
        Map<String, String> tokenFailed = signInWith("github");
        // Feishu's token endpoint refuses with a non-zero code
        PROVIDERS.nextFeishuTokenRefusal();
        Map<String, String> feishuRefused = signInWith("feishu");
        // Feishu's user_info refuses with a non-zero code
        PROVIDERS.nextFeishuUserInfoRefusal();
        Map<String, String> feishuNoUser = signInWith("feishu");
        // a provider that is not configured
        HttpResponse<String> unknown = new Browser().get(tollgate("/oauth2/authorization/gitlab"));

        // then
        assertThat(denied)
                .containsEntry("error", "access_denied")
                .containsEntry(
                        "error_description",
                        "GitHub sign-in was cancelled or refused at GitHub; nothing was " + "changed");
        assertThat(tokenFailed)
                .containsEntry("error", "invalid_token_response")
                .containsEntry(
                        "error_description",
                        "GitHub did not issue an access token (its token endpoint " + "failed); try again later");
        assertThat(feishuRefused)
                .containsEntry("error", "feishu_error")
                .containsEntry(
                        "error_description",
                        "Feishu refused the sign-in: The authorization code has " + "expired. (code 20003)");
        assertThat(feishuNoUser)
                .containsEntry("error", "feishu_error")
                .containsEntry(
                        "error_description",
                        "Feishu refused to say who signed in: app has no permission "
                                + "to read user info (code 99991672)");
        assertThat(Browser.params(Browser.location(unknown), '#')).containsEntry("error", "provider_not_configured");
        assertThat(userCount()).isEqualTo(users);
    }

    @Test
    void givenANewFeishuUser_whenTheySignIn_thenAUserIsCreatedFromTheEnvelopeUnwrappedProfile() {
        // given
        String openId = "ou_" + newGitHubId();
        PROVIDERS.nextFeishuUser(openId, "张三", "zhangsan");

        // when
        String bearer = bearerFor(signInWith("feishu"));

        // then
        JsonNode me = me(bearer);
        assertThat(me.get("username").asText()).startsWith("zhangsan");
        JsonNode identity =
                as(bearer, "GET", "/api/v1/users/me/identities", null).json().get(0);
        assertThat(identity.get("provider").asText()).isEqualTo("feishu");
        assertThat(identity.get("subject").asText()).isEqualTo(openId);
    }

    @Test
    void givenAnExistingAccount_whenAnotherIdentityWithTheSameEmailOrNameSignsIn_thenItNeverSignsIntoThatAccount() {
        // given: an account created by GitHub with the verified e-mail shared@example.com, and a password user
        long id = newGitHubId();
        String email = "shared" + id + "@example.com";
        PROVIDERS.nextGitHubUser(id, "shared" + id, List.<Object[]>of(new Object[] {email, true, true}));
        JsonNode existing = me(bearerFor(signInWith("github")));
        String passwordUserName = "alice" + id;
        assertThat(admin.post("/api/v1/users", Map.of("username", passwordUserName, "password", PASSWORD))
                        .status())
                .isEqualTo(201);

        // when: an OIDC identity with the same verified e-mail signs in
        nextOidcUser("oidc-sub-" + id, "other" + id, email, true);
        JsonNode viaOidc = me(bearerFor(signInWith("oidc")));
        // and a GitHub identity whose login is the password user's name
        long twin = newGitHubId();
        PROVIDERS.nextGitHubUser(twin, passwordUserName, List.<Object[]>of(new Object[] {email, true, true}));
        JsonNode viaName = me(bearerFor(signInWith("github")));
        // and, with registration closed, one more identity with that e-mail
        registration("closed");
        nextOidcUser("oidc-sub-late-" + id, "late" + id, email, true);
        Map<String, String> closed = signInWith("oidc");

        // then: new accounts, never the existing ones
        assertThat(viaOidc.get("id").asText()).isNotEqualTo(existing.get("id").asText());
        assertThat(viaOidc.get("username").asText()).isEqualTo("other" + id);
        assertThat(viaName.get("id").asText()).isNotEqualTo(existing.get("id").asText());
        assertThat(viaName.get("username").asText()).isEqualTo(passwordUserName + "-2");
        assertThat(closed).containsEntry("error", "registration_closed").doesNotContainKey("code");
        assertThat(new AdminApi(port)
                        .loginAs(passwordUserName, PASSWORD)
                        .get("/api/v1/users/me/identities")
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void givenASignedInUser_whenTheyLinkGitHubFromTheirSession_thenGitHubSignsInAsThem() {
        // given
        String name = "linker" + newGitHubId();
        assertThat(admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
        AdminApi user = new AdminApi(port).loginAs(name, PASSWORD);
        long id = newGitHubId();
        PROVIDERS.nextGitHubUser(id, "gh" + id, List.of());
        registration("closed");

        // when
        AdminApi.Reply started = user.post("/api/v1/users/me/identities/github/link-start", Map.of());
        Map<String, String> fragment = browserFlow(
                new Browser(), started.json().get("authorizationUrl").asText());
        AdminApi.Reply completed =
                user.post("/api/v1/users/me/identities/link-complete", Map.of("code", fragment.get("link_code")));

        // then
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().get("authorizationUrl").asText())
                .startsWith(tollgate("/oauth2/authorization/github?link="));
        assertThat(fragment).containsKey("link_code").doesNotContainKey("code");
        assertThat(completed.status()).as(completed.raw().body()).isEqualTo(200);
        assertThat(completed.json().get("subject").asText()).isEqualTo(Long.toString(id));
        PROVIDERS.nextGitHubUser(id, "gh" + id, List.of());
        assertThat(me(bearerFor(signInWith("github"))).get("username").asText()).isEqualTo(name);
        // the ticket was used: starting the browser flow with it again is refused
        String replay = started.json().get("authorizationUrl").asText();
        assertThat(Browser.params(Browser.location(new Browser().get(replay)), '#'))
                .containsEntry("error", "invalid_sign_in_code");
    }

    @Test
    void givenALinkStartedByOneUser_whenAnotherUsersSessionConfirmsIt_thenRefusedAndNothingIsLinked() {
        // given: Mallory starts a link and completes the provider part with her GitHub account
        String mallory = "mallory" + newGitHubId();
        String victim = "victim" + newGitHubId();
        admin.post("/api/v1/users", Map.of("username", mallory, "password", PASSWORD));
        admin.post("/api/v1/users", Map.of("username", victim, "password", PASSWORD));
        AdminApi asMallory = new AdminApi(port).loginAs(mallory, PASSWORD);
        AdminApi asVictim = new AdminApi(port).loginAs(victim, PASSWORD);
        long id = newGitHubId();
        PROVIDERS.nextGitHubUser(id, "mal" + id, List.of());
        String url = asMallory
                .post("/api/v1/users/me/identities/github/link-start", Map.of())
                .json()
                .get("authorizationUrl")
                .asText();
        Map<String, String> fragment = browserFlow(new Browser(), url);

        // when: the victim's session is made to confirm Mallory's link code
        AdminApi.Reply confirmed =
                asVictim.post("/api/v1/users/me/identities/link-complete", Map.of("code", fragment.get("link_code")));

        // then
        assertThat(confirmed.status()).isEqualTo(400);
        assertThat(confirmed.json().get("detail").asText())
                .isEqualTo("this link was started from another account's session; start it again from yours");
        assertThat(asVictim.get("/api/v1/users/me/identities").json().size()).isZero();
        assertThat(asMallory.get("/api/v1/users/me/identities").json().size()).isZero();
    }

    @Test
    void givenAUserWhoseOnlyWayToSignInIsGitHub_whenUnlinkingIt_then409UntilTheySetAPassword() {
        // given
        long id = newGitHubId();
        String login = "solo" + id;
        PROVIDERS.nextGitHubUser(id, login, List.of());
        String bearer = bearerFor(signInWith("github"));

        // when
        AdminApi.Reply refused = as(bearer, "DELETE", "/api/v1/users/me/identities/github", null);
        AdminApi.Reply passwordSet = as(bearer, "PUT", "/api/v1/users/me/password", Map.of("newPassword", PASSWORD));
        AdminApi withPassword = new AdminApi(port).loginAs(login, PASSWORD);
        AdminApi.Reply unlinked = withPassword.delete("/api/v1/users/me/identities/github");
        AdminApi.Reply notLinked = withPassword.delete("/api/v1/users/me/identities/github");

        // then
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("last_sign_in_method");
        assertThat(refused.json().get("detail").asText())
                .isEqualTo("this is your only way to sign in: set a password or link another account first");
        assertThat(passwordSet.status()).isEqualTo(204);
        assertThat(unlinked.status()).isEqualTo(204);
        assertThat(notLinked.status()).isEqualTo(404);
        assertThat(withPassword.get("/api/v1/users/me/identities").json().size())
                .isZero();
    }

    @Test
    void givenADisabledOrDeletedUser_whenTheySignInWithTheirIdentity_thenRefused() {
        // given
        long id = newGitHubId();
        PROVIDERS.nextGitHubUser(id, "gone" + id, List.of());
        Map<String, String> first = signInWith("github");
        String userId = me(bearerFor(first)).get("id").asText();
        PROVIDERS.nextGitHubUser(id, "gone" + id, List.of());
        String unusedCode = signInWith("github").get("code");
        assertThat(admin.patch("/api/v1/users/" + userId, Map.of("status", "disabled"))
                        .status())
                .isEqualTo(200);

        // when
        PROVIDERS.nextGitHubUser(id, "gone" + id, List.of());
        Map<String, String> refused = signInWith("github");
        AdminApi.Reply lateExchange = exchange(unusedCode);

        // then
        assertThat(refused)
                .containsEntry("error", "account_disabled")
                .containsEntry("error_description", "this account is disabled");
        assertThat(lateExchange.status()).isEqualTo(403);
        assertThat(lateExchange.json().get("code").asText()).isEqualTo("account_disabled");

        // and when deleted, the identity stays theirs: refused, not given a new account
        assertThat(admin.delete("/api/v1/users/" + userId).status()).isEqualTo(204);
        int users = userCount();
        PROVIDERS.nextGitHubUser(id, "gone" + id, List.of());
        assertThat(signInWith("github"))
                .containsEntry("error", "account_disabled")
                .containsEntry("error_description", "this account was deleted");
        assertThat(userCount()).isEqualTo(users);
    }

    @Test
    void givenOneNewIdentity_whenItSignsInFromSeveralBrowsersAtOnce_thenExactlyOneUserIsCreated() throws Exception {
        // given: six browsers, each back from GitHub with its own state, about to call the callback
        long id = newGitHubId();
        PROVIDERS.nextGitHubUser(id, "race" + id, List.of());
        int users = userCount();
        List<Browser> browsers = new ArrayList<>();
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Browser browser = new Browser();
            String atGitHub = Browser.location(browser.get(tollgate("/oauth2/authorization/github")));
            browsers.add(browser);
            callbacks.add(Browser.location(browser.get(atGitHub)));
        }

        // when: all call back at once
        ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, String>>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < browsers.size(); i++) {
                Browser browser = browsers.get(i);
                String callback = callbacks.get(i);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return Browser.params(Browser.location(browser.get(callback)), '#');
                }));
            }
            go.countDown();
        } finally {
            pool.shutdown();
        }

        // then: one user; every sign-in that succeeded is that user; the others were told why
        Set<String> signedInAs = new HashSet<>();
        for (Future<Map<String, String>> outcome : outcomes) {
            Map<String, String> fragment = outcome.get(30, TimeUnit.SECONDS);
            if (fragment.containsKey("code")) {
                signedInAs.add(me(bearerFor(fragment)).get("id").asText());
            } else {
                assertThat(fragment).containsEntry("error", "identity_already_linked");
            }
        }
        assertThat(signedInAs).hasSize(1);
        assertThat(userCount()).isEqualTo(users + 1);
    }

    @Test
    void givenAnOidcIdentityWithAnUnverifiedEmail_whenItSignsIn_thenTheEmailIsNotRecorded() {
        // given
        String subject = "sub-unverified-" + newGitHubId();
        nextOidcUser(subject, "unverified" + subject.hashCode(), "claimed@example.com", false);

        // when
        String bearer = bearerFor(signInWith("oidc"));

        // then
        JsonNode identity =
                as(bearer, "GET", "/api/v1/users/me/identities", null).json().get(0);
        assertThat(identity.get("provider").asText()).isEqualTo("oidc");
        assertThat(identity.get("subject").asText()).isEqualTo(subject);
        assertThat(identity.get("email").isNull()).isTrue();
    }

    @Test
    void givenASignUpBonus_whenANewUserSignsInWithGitHub_thenTheirWalletGetsIt() {
        // given
        assertThat(admin.put("/api/v1/settings/incentives", Map.of("signupBonus", 750, "checkInBonus", 0))
                        .status())
                .isEqualTo(200);
        long id = newGitHubId();
        PROVIDERS.nextGitHubUser(id, "bonus" + id, List.of());

        // when
        String bearer;
        try {
            bearer = bearerFor(signInWith("github"));
        } finally {
            admin.put("/api/v1/settings/incentives", Map.of("signupBonus", 0, "checkInBonus", 0));
        }

        // then
        String userId = me(bearer).get("id").asText();
        assertThat(as(bearer, "GET", "/api/v1/users/" + userId + "/wallet", null)
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(750);
    }

    @Test
    void givenLinkStartRequests_whenTheProviderIsUnknownOrTheCallerIsAnonymous_thenRefused() {
        AdminApi.Reply unknown = admin.post("/api/v1/users/me/identities/gitlab/link-start", Map.of());
        AdminApi.Reply anonymous = new AdminApi(port).post("/api/v1/users/me/identities/github/link-start", Map.of());
        AdminApi.Reply badCode = admin.post("/api/v1/users/me/identities/link-complete", Map.of("code", "nope"));
        AdminApi.Reply unknownCode = exchange("x");
        AdminApi.Reply withRole = new AdminApi(port)
                .call("POST", "/api/v1/auth/oauth/exchange", Map.of("code", "x", "role", "ADMIN"), null);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("provider");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.json().get("code").asText()).isEqualTo("invalid_sign_in_code");
        assertThat(unknownCode.status()).isEqualTo(400);
        assertThat(withRole.status()).isEqualTo(400);
        assertThat(withRole.json().get("field").asText()).isEqualTo("role");
    }

    @Test
    void givenTheProviders_whenListedWithoutSignIn_thenTheEnabledOnesAreShown() {
        AdminApi.Reply providers = new AdminApi(port).get("/api/v1/auth/providers");

        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.json().get("providers").findValuesAsText("id"))
                .containsExactly("github", "feishu", "oidc");
        assertThat(providers.json().get("providers").findValuesAsText("name"))
                .containsExactly("GitHub", "Feishu", "Corp SSO");
    }

    @Test
    void givenTheBrowserFlow_thenNoSessionIsCreatedAndApiRequestsStayStatelessAndBearerOnly() {
        // the sign-in start creates no session: it sets only the cookie that binds the flow to this browser
        HttpResponse<String> start = new Browser().get(tollgate("/oauth2/authorization/github"));
        assertThat(start.headers().allValues("Set-Cookie"))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .startsWith("tollgate-oauth=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax")
                        .contains("Path=/")
                        .contains("Max-Age=4200")
                        .doesNotContain("JSESSIONID"));
        assertThat(Browser.location(start)).doesNotContain("jsessionid").doesNotContain("tollgate-oauth");

        // the API never sets one and never accepts one instead of a bearer token
        AdminApi.Reply anonymous = new AdminApi(port).get("/api/v1/users/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/users/me").raw().headers().allValues("Set-Cookie"))
                .isEmpty();
    }
}
