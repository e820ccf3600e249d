package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.nimbusds.jose.JOSEObjectType;
import dev.tollgate.TollgateApplication;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMTP server and the external sign-in providers set through the API on a Tollgate configured with neither: the
 * mail sender is rebuilt at once (a test mail reaches a local GreenMail server, then another one on a new port), an
 * OpenID Connect provider (a local mock-oauth2-server) registered through the API is offered and signs a user in, and
 * turned off it is not; secrets never come back in an answer, the audit log or the log; only platform admins may see
 * or change any of it, and bad values are refused with a problem naming the field.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class IntegrationSettingsEndToEndTest {
    private static final String ROOT_PASSWORD = "e2e-integrations-" + UUID.randomUUID();
    private static final String PASSWORD = "correct-horse-battery-7";
    private static final String FRONTEND = "http://127.0.0.1:9/app/signed-in";
    private static final String SMTP_LOGIN = "mailer";
    private static final String SMTP_SECRET = "smtp-" + UUID.randomUUID();
    private static final String OIDC_CLIENT = "tollgate-settings-oidc";
    private static final String OIDC_SECRET = "oidc-" + UUID.randomUUID();
    private static final Path DATA_DIR = TestDatabase.newDataDir();
    private static final GreenMail FIRST_SMTP = smtp();
    private static final GreenMail SECOND_SMTP = smtp();
    private static final MockOAuth2Server OIDC = startOidc();

    @LocalServerPort
    int port;

    private AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        registry.add("tollgate.auth.frontend-url", () -> FRONTEND);
    }

    @AfterAll
    static void stopServers() {
        FIRST_SMTP.stop();
        SECOND_SMTP.stop();
        OIDC.shutdown();
    }

    @BeforeEach
    void signInAsRoot() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
        assertThat(admin.put("/api/v1/settings/registration", Map.of("mode", "open"))
                        .status())
                .isEqualTo(200);
    }

    private static GreenMail smtp() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        server.setUser("mailer@example.test", SMTP_LOGIN, SMTP_SECRET);
        return server;
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

    private static Map<String, Object> mailServer(GreenMail server, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", "127.0.0.1");
        body.put("port", server.getSmtp().getPort());
        body.put("username", SMTP_LOGIN);
        if (password != null) {
            body.put("password", password);
        }
        body.put("from", "gateway@example.test");
        body.put("startTls", false);
        return body;
    }

    private static MimeMessage onlyMailIn(GreenMail server) {
        assertThat(server.waitForIncomingEmail(10_000, 1)).as("a mail arrives").isTrue();
        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static void assertProblem(AdminApi.Reply r, int status, String field) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        if (field != null) {
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        }
    }

    private AdminApi member() {
        String username = "integrations-" + UUID.randomUUID().toString().substring(0, 8);
        AdminApi.Reply created =
                admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD, "role", "USER"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new AdminApi(port).loginAs(username, PASSWORD);
    }

    @Test
    void givenNoMailServerConfigured_whenRootSetsOneThroughTheApi_thenTestMailsReachItAndThenTheNextOneAtOnce(
            CapturedOutput log) throws Exception {
        // given: no SMTP server in the configuration
        JsonNode before = admin.get("/api/v1/settings/mail").json();
        assertThat(before.get("source").asText()).isEqualTo("configuration");
        assertThat(before.get("configured").asBoolean()).isFalse();
        assertProblem(admin.post("/api/v1/settings/mail/test", Map.of("to", "ops@example.test")), 409, null);

        // when: root sets the first server, with its password, and sends a test mail
        AdminApi.Reply set = admin.put("/api/v1/settings/mail", mailServer(FIRST_SMTP, SMTP_SECRET));
        AdminApi.Reply firstTest = admin.post("/api/v1/settings/mail/test", Map.of("to", "ops@example.test"));

        // then
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("source").asText()).isEqualTo("settings");
        assertThat(set.json().get("passwordSet").asBoolean()).isTrue();
        assertThat(set.json().has("password")).isFalse();
        assertThat(firstTest.status()).as(firstTest.raw().body()).isEqualTo(204);
        MimeMessage first = onlyMailIn(FIRST_SMTP);
        assertThat(first.getSubject()).isEqualTo("Tollgate: test mail");
        assertThat(first.getFrom()[0].toString()).isEqualTo("gateway@example.test");

        // when: the server moves to another port, the password left out (kept)
        AdminApi.Reply moved = admin.put("/api/v1/settings/mail", mailServer(SECOND_SMTP, null));
        AdminApi.Reply secondTest = admin.post("/api/v1/settings/mail/test", Map.of("to", "ops@example.test"));

        // then: the next mail goes to the new server, with the kept password, without a restart
        assertThat(moved.json().get("port").asInt())
                .isEqualTo(SECOND_SMTP.getSmtp().getPort());
        assertThat(moved.json().get("passwordSet").asBoolean()).isTrue();
        assertThat(secondTest.status()).as(secondTest.raw().body()).isEqualTo(204);
        assertThat(onlyMailIn(SECOND_SMTP).getSubject()).isEqualTo("Tollgate: test mail");
        assertThat(FIRST_SMTP.getReceivedMessages()).hasSize(1);

        // and: the change is audited, without the password
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.get("/api/v1/audit-log?action=mail.server_set")
                                .json()
                                .get("items"))
                        .hasSize(2));
        String audit =
                admin.get("/api/v1/audit-log?action=mail.server_set").raw().body();
        assertThat(audit).contains("with password").doesNotContain(SMTP_SECRET);

        // when: back to the configuration (none)
        AdminApi.Reply reset = admin.delete("/api/v1/settings/mail");

        // then
        assertThat(reset.json().get("source").asText()).isEqualTo("configuration");
        assertThat(reset.json().get("configured").asBoolean()).isFalse();
        assertProblem(admin.post("/api/v1/settings/mail/test", Map.of("to", "ops@example.test")), 409, null);
        assertThat(admin.get("/api/v1/settings/mail").raw().body()).doesNotContain(SMTP_SECRET);
        assertThat(log.getAll()).doesNotContain(SMTP_SECRET);
    }

    @Test
    void givenNoProviderConfigured_whenRootRegistersOidcThroughTheApi_thenItIsOfferedAndSignsAUserInUntilTurnedOff(
            CapturedOutput log) {
        // given
        assertThat(new AdminApi(port).get("/api/v1/auth/providers").json().get("providers"))
                .isEmpty();
        Map<String, Object> oidc = new LinkedHashMap<>();
        oidc.put("clientId", OIDC_CLIENT);
        oidc.put("clientSecret", OIDC_SECRET);
        oidc.put("endpoints", Map.of("issuerUri", OIDC.issuerUrl("corp").toString(), "name", "Corp SSO"));

        // when
        AdminApi.Reply set = admin.put("/api/v1/settings/sign-in/oidc", oidc);

        // then: offered on the sign-in page, the secret write-only
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().get("enabled").asBoolean()).isTrue();
        assertThat(set.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(set.json().get("callbackPath").asText()).isEqualTo("/login/oauth2/code/oidc");
        assertThat(set.raw().body()).doesNotContain(OIDC_SECRET);
        JsonNode offered =
                new AdminApi(port).get("/api/v1/auth/providers").json().get("providers");
        assertThat(offered.findValuesAsText("id")).containsExactly("oidc");
        assertThat(offered.findValuesAsText("name")).containsExactly("Corp SSO");

        // when: a new user signs in through it
        String subject = "settings-sub-" + UUID.randomUUID();
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", "corp-" + subject.substring(13, 21));
        claims.put("email", subject + "@corp.example");
        claims.put("email_verified", true);
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback(
                "corp", subject, JOSEObjectType.JWT.getType(), List.of(OIDC_CLIENT), claims, 3600));
        Map<String, String> fragment = Browser.params(
                new Browser().followUntil("http://127.0.0.1:" + port + "/oauth2/authorization/oidc", FRONTEND), '#');

        // then
        assertThat(fragment).as("the front end got %s", fragment).containsKey("code");
        AdminApi.Reply exchanged = new AdminApi(port)
                .call("POST", "/api/v1/auth/oauth/exchange", Map.of("code", fragment.get("code")), null);
        assertThat(exchanged.status()).as(exchanged.raw().body()).isEqualTo(200);
        AdminApi.Reply identities = new AdminApi(port)
                .call(
                        "GET",
                        "/api/v1/users/me/identities",
                        null,
                        exchanged.json().get("accessToken").asText());
        assertThat(identities.status()).as(identities.raw().body()).isEqualTo(200);
        assertThat(identities.json().findValuesAsText("provider")).containsExactly("oidc");

        // when: turned off (the secret left out)
        AdminApi.Reply off =
                admin.put("/api/v1/settings/sign-in/oidc", Map.of("enabled", false, "clientId", OIDC_CLIENT));
        Map<String, String> refused = Browser.params(
                new Browser().followUntil("http://127.0.0.1:" + port + "/oauth2/authorization/oidc", FRONTEND), '#');

        // then
        assertThat(off.status()).as(off.raw().body()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        assertThat(new AdminApi(port).get("/api/v1/auth/providers").json().get("providers"))
                .isEmpty();
        assertThat(refused).containsEntry("error", "provider_not_configured");
        // and: audited without the secret, which appears nowhere
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.get("/api/v1/audit-log?action=sign_in.provider_set")
                                .json()
                                .get("items"))
                        .hasSize(2));
        assertThat(admin.get("/api/v1/audit-log?action=sign_in.provider_set")
                        .raw()
                        .body())
                .doesNotContain(OIDC_SECRET);
        assertThat(admin.get("/api/v1/settings/sign-in").raw().body()).doesNotContain(OIDC_SECRET);
        assertThat(log.getAll()).doesNotContain(OIDC_SECRET);
    }

    @Test
    void givenBadValuesOrAMember_whenChangingTheSettings_thenRefusedAndNothingChanges() {
        // given
        AdminApi member = member();
        String mailBefore = admin.get("/api/v1/settings/mail").raw().body();
        Map<String, Object> badPort = mailServer(FIRST_SMTP, null);
        badPort.put("port", 70_000);
        Map<String, Object> badFrom = mailServer(FIRST_SMTP, null);
        badFrom.put("from", "not an address");
        Map<String, Object> unknownField = mailServer(FIRST_SMTP, null);
        unknownField.put("ssl", true);

        // when / then: members are refused before their body is read
        assertProblem(member.get("/api/v1/settings/mail"), 403, null);
        assertProblem(member.put("/api/v1/settings/mail", mailServer(FIRST_SMTP, "x")), 403, null);
        assertProblem(member.post("/api/v1/settings/mail/test", Map.of("to", "a@example.test")), 403, null);
        assertProblem(member.get("/api/v1/settings/sign-in"), 403, null);
        assertProblem(
                member.put("/api/v1/settings/sign-in/github", Map.of("clientId", "x", "clientSecret", "y")), 403, null);
        // and: bad values name their field
        assertProblem(admin.put("/api/v1/settings/mail", badPort), 400, "port");
        assertProblem(admin.put("/api/v1/settings/mail", badFrom), 400, "from");
        assertProblem(admin.put("/api/v1/settings/mail", unknownField), 400, "ssl");
        assertProblem(admin.post("/api/v1/settings/mail/test", Map.of("to", "nobody")), 400, "to");
        assertProblem(admin.put("/api/v1/settings/sign-in/github", Map.of("clientId", "Iv1.x")), 400, "clientSecret");
        assertProblem(
                admin.put(
                        "/api/v1/settings/sign-in/oidc",
                        Map.of("clientId", "c", "clientSecret", "s", "endpoints", Map.of("issuerUri", "ftp://id"))),
                400,
                "issuerUri");
        assertProblem(
                admin.put(
                        "/api/v1/settings/sign-in/github",
                        Map.of("clientId", "c", "clientSecret", "s", "endpoints", Map.of("issuerUri", "https://id"))),
                400,
                "issuerUri");
        assertProblem(admin.put("/api/v1/settings/sign-in/gitlab", Map.of("clientId", "c")), 400, "provider");
        assertThat(admin.get("/api/v1/settings/mail").raw().body()).isEqualTo(mailBefore);
        JsonNode github =
                admin.get("/api/v1/settings/sign-in").json().get("items").get(0);
        assertThat(github.get("id").asText()).isEqualTo("github");
        assertThat(github.get("source").asText()).isEqualTo("configuration");
    }
}
