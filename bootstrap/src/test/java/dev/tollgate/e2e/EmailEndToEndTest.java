package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tollgate.TollgateApplication;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * E-mail verification and password reset against a real local SMTP server (GreenMail): the code arrives by mail,
 * works once, and the reset ends every session; nothing tells a stranger whether an account exists.
 */
class EmailEndToEndTest {
    private static final String ROOT_PASSWORD = "mail-" + UUID.randomUUID();
    private static final String PASSWORD = "correct-horse-battery-1";
    private static final Pattern CODE = Pattern.compile("\\n {4}([A-Za-z0-9]{32})\\n");
    private static GreenMail smtp;
    private static ConfigurableApplicationContext app;
    private static AdminApi admin;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + TestDatabase.newDataDir(),
                        "--tollgate.root-password=" + ROOT_PASSWORD,
                        "--spring.datasource.url=",
                        "--tollgate.db.url=",
                        "--tollgate.mail.host=127.0.0.1",
                        "--tollgate.mail.port=" + smtp.getSmtp().getPort(),
                        "--tollgate.mail.starttls=false",
                        "--tollgate.mail.from=gateway@example.test");
        admin = new AdminApi(port()).loginAs("root", ROOT_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static JsonNode createUser() {
        AdminApi.Reply r = admin.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        "mail-" + UUID.randomUUID().toString().substring(0, 8),
                        "password",
                        PASSWORD,
                        "role",
                        "USER"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    /** The code in the newest mail to this address. */
    private static String codeSentTo(String address) throws Exception {
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage newest = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                newest = m;
            }
        }
        assertThat(newest).as("a mail to %s", address).isNotNull();
        Matcher code = CODE.matcher(GreenMailUtil.getBody(newest).replace("\r\n", "\n"));
        assertThat(code.find()).as(GreenMailUtil.getBody(newest)).isTrue();
        return code.group(1);
    }

    @Test
    void givenAUserWhoSetsAnAddress_whenTheMailedCodeComesBack_thenTheAddressIsVerifiedAndTheCodeWorksOnce()
            throws Exception {
        // given
        JsonNode user = createUser();
        AdminApi session = new AdminApi(port()).loginAs(user.get("username").asText(), PASSWORD);
        String address = user.get("username").asText() + "@example.test";

        // when
        AdminApi.Reply set = session.put("/api/v1/users/me/email", Map.of("email", address));
        String code = codeSentTo(address);
        AdminApi.Reply wrong = session.post("/api/v1/users/me/email/verification", Map.of("code", "x".repeat(32)));
        AdminApi.Reply verified = session.post("/api/v1/users/me/email/verification", Map.of("code", code));
        AdminApi.Reply again = session.post("/api/v1/users/me/email/verification", Map.of("code", code));

        // then
        assertThat(set.status()).as(set.raw().body()).isEqualTo(202);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        assertThat(verified.json().get("verified").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(400);
        assertThat(session.get("/api/v1/users/me/email").json().get("email").asText())
                .isEqualTo(address);
        MimeMessage mail = smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1];
        assertThat(mail.getFrom()[0].toString()).isEqualTo("gateway@example.test");
    }

    @Test
    void givenAVerifiedAddress_whenAResetIsAskedAndConfirmed_thenTheNewPasswordWorksAndOldSessionsEnd()
            throws Exception {
        // given
        JsonNode user = createUser();
        String username = user.get("username").asText();
        AdminApi session = new AdminApi(port()).loginAs(username, PASSWORD);
        String address = username + "@example.test";
        session.put("/api/v1/users/me/email", Map.of("email", address));
        session.post("/api/v1/users/me/email/verification", Map.of("code", codeSentTo(address)));
        int before = smtp.getReceivedMessages().length;

        // when
        AdminApi anonymous = new AdminApi(port());
        AdminApi.Reply asked = anonymous.post("/api/v1/auth/password-reset", Map.of("username", username));
        assertThat(smtp.waitForIncomingEmail(5_000, before + 1)).isTrue();
        String code = codeSentTo(address);
        AdminApi.Reply weak =
                anonymous.post("/api/v1/auth/password-reset/confirm", Map.of("code", code, "newPassword", "short"));
        AdminApi.Reply reset = anonymous.post(
                "/api/v1/auth/password-reset/confirm", Map.of("code", code, "newPassword", "a-brand-new-password"));
        AdminApi.Reply replay = anonymous.post(
                "/api/v1/auth/password-reset/confirm", Map.of("code", code, "newPassword", "yet-another-password"));

        // then
        assertThat(asked.status()).isEqualTo(202);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(reset.status()).as(reset.raw().body()).isEqualTo(204);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(session.get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(new AdminApi(port())
                        .post("/api/v1/auth/login", Map.of("username", username, "password", PASSWORD))
                        .status())
                .isEqualTo(401);
        assertThat(new AdminApi(port())
                        .loginAs(username, "a-brand-new-password")
                        .get("/api/v1/users/me")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void givenAnUnknownUserOrAnUnverifiedAddress_whenAResetIsAsked_thenTheAnswerIsTheSameAndNoMailIsSent()
            throws Exception {
        // given: a user whose address is not verified
        JsonNode user = createUser();
        AdminApi session = new AdminApi(port()).loginAs(user.get("username").asText(), PASSWORD);
        session.put(
                "/api/v1/users/me/email", Map.of("email", user.get("username").asText() + "@example.test"));
        String address = user.get("username").asText() + "@example.test";
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> Arrays.stream(smtp.getReceivedMessages())
                        .anyMatch(m -> recipient(m).equals(address)));
        int before = smtp.getReceivedMessages().length;

        // when
        AdminApi.Reply unknown = new AdminApi(port())
                .post("/api/v1/auth/password-reset", Map.of("username", "nobody-" + UUID.randomUUID()));
        AdminApi.Reply unverified = new AdminApi(port())
                .post(
                        "/api/v1/auth/password-reset",
                        Map.of("username", user.get("username").asText()));
        AdminApi.Reply badField = new AdminApi(port())
                .post("/api/v1/auth/password-reset", Map.of("username", "x", "email", "x@example.test"));

        // then
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unverified.status()).isEqualTo(202);
        assertThat(unknown.raw().body()).isEqualTo(unverified.raw().body());
        assertThat(badField.status()).isEqualTo(400);
        assertThat(smtp.waitForIncomingEmail(1_000, before + 1))
                .as("no mail is sent")
                .isFalse();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenAnOrganisation_whenItSendsMoreThanFiftyEmailInvitationsInADay_thenTheRestAre429() {
        // given (issue 18, item 17)
        String org = admin.post(
                        "/api/v1/organizations",
                        Map.of("name", "mailer-" + UUID.randomUUID().toString().substring(0, 8)))
                .json()
                .get("id")
                .asText();

        // when
        int sent = 0;
        AdminApi.Reply refused = null;
        for (int i = 0; i < 51 && refused == null; i++) {
            AdminApi.Reply r = admin.post(
                    "/api/v1/organizations/" + org + "/email-invitations",
                    Map.of("email", "guest" + i + "@example.test"));
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).as(r.raw().body()).isIn(200, 201);
                sent++;
            }
        }

        // then
        assertThat(sent).isEqualTo(50);
        assertThat(refused).isNotNull();
        assertThat(refused.json().get("code").asText()).isEqualTo("too_many_invitations");
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
    void givenAUsernameWithLineBreaks_whenAPasswordResetIsAsked_thenTheLogLineCannotBeForged(CapturedOutput out) {
        // given (issue 18, item 18)
        String forged = "nobody\n2026-12-06T00:00:00.000Z  WARN 1 --- [main] forged : root signed in from evil";

        // when
        AdminApi.Reply reply = admin.call("POST", "/api/v1/auth/password-reset", Map.of("username", forged), null);

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(out.getAll())
                .contains("password reset asked for 'nobody\\n2026-12-06")
                .doesNotContain("\n2026-12-06T00:00:00.000Z  WARN 1 --- [main] forged");
    }

    @Test
    void givenAnEmailedOrganisationInvitation_whenSomeoneWithoutAnAccountRegistersWithIt_thenTheyJoinOnce()
            throws Exception {
        // given: registration by invitation only; an owner e-mails an invitation
        JsonNode owner = createUser();
        AdminApi ownerApi = new AdminApi(port()).loginAs(owner.get("username").asText(), PASSWORD);
        String org = ownerApi.post("/api/v1/organizations", Map.of("name", "Mailers"))
                .json()
                .get("id")
                .asText();
        assertThat(admin.put("/api/v1/settings/registration", Map.of("mode", "invite-only"))
                        .status())
                .isEqualTo(200);
        String address = "newcomer-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        try {
            // when
            AdminApi.Reply invited = ownerApi.post(
                    "/api/v1/organizations/" + org + "/email-invitations", Map.of("email", address, "role", "ADMIN"));
            String code = codeSentTo(address);
            AdminApi anonymous = new AdminApi(port());
            AdminApi.Reply withoutCode = anonymous.post(
                    "/api/v1/auth/register",
                    Map.of("username", "nocode-" + UUID.randomUUID().toString().substring(0, 6), "password", PASSWORD));
            String username = "newcomer-" + UUID.randomUUID().toString().substring(0, 6);
            AdminApi.Reply registered = anonymous.post(
                    "/api/v1/auth/register",
                    Map.of("username", username, "password", PASSWORD, "organizationInvitation", code));
            AdminApi.Reply again = anonymous.post(
                    "/api/v1/auth/register",
                    Map.of("username", username + "x", "password", PASSWORD, "organizationInvitation", code));

            // then
            assertThat(invited.status()).as(invited.raw().body()).isEqualTo(201);
            assertThat(invited.raw().body())
                    .doesNotContain(code)
                    .doesNotContain(address)
                    .contains("n***@example.test");
            assertThat(withoutCode.status()).isEqualTo(403);
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            AdminApi newcomer = new AdminApi(port()).loginAs(username, PASSWORD);
            assertThat(newcomer.get("/api/v1/organizations/" + org)
                            .json()
                            .get("yourRole")
                            .asText())
                    .isEqualTo("ADMIN");
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.json().get("field").asText()).isEqualTo("organizationInvitation");
            assertThat(ownerApi.get("/api/v1/organizations/" + org + "/email-invitations")
                            .json()
                            .get("items")
                            .size())
                    .isZero();
        } finally {
            admin.put("/api/v1/settings/registration", Map.of("mode", "open"));
        }
    }

    @Test
    void givenEmailedInvitations_thenOnlyManagersSendThemAWithdrawnCodeFailsAndAnAccountJoinsByCode() throws Exception {
        // given
        JsonNode owner = createUser();
        JsonNode member = createUser();
        JsonNode existing = createUser();
        AdminApi ownerApi = new AdminApi(port()).loginAs(owner.get("username").asText(), PASSWORD);
        AdminApi memberApi = new AdminApi(port()).loginAs(member.get("username").asText(), PASSWORD);
        AdminApi existingApi =
                new AdminApi(port()).loginAs(existing.get("username").asText(), PASSWORD);
        String org = ownerApi.post("/api/v1/organizations", Map.of("name", "Codes"))
                .json()
                .get("id")
                .asText();
        ownerApi.post(
                "/api/v1/organizations/" + org + "/members",
                Map.of("username", member.get("username").asText()));
        String first = "first-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        String second = "second-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";

        // when
        AdminApi.Reply byMember =
                memberApi.post("/api/v1/organizations/" + org + "/email-invitations", Map.of("email", first));
        AdminApi.Reply notAnAddress =
                ownerApi.post("/api/v1/organizations/" + org + "/email-invitations", Map.of("email", "not-an-address"));
        String withdrawnId = ownerApi.post(
                        "/api/v1/organizations/" + org + "/email-invitations", Map.of("email", first))
                .json()
                .get("invitationId")
                .asText();
        String withdrawnCode = codeSentTo(first);
        ownerApi.post("/api/v1/organizations/" + org + "/email-invitations", Map.of("email", second));
        String code = codeSentTo(second);
        AdminApi.Reply withdrawn =
                ownerApi.delete("/api/v1/organizations/" + org + "/email-invitations/" + withdrawnId);
        AdminApi.Reply withWithdrawn =
                existingApi.post("/api/v1/organizations/invitations/code", Map.of("code", withdrawnCode));
        AdminApi.Reply joined = existingApi.post("/api/v1/organizations/invitations/code", Map.of("code", code));
        AdminApi.Reply twice = memberApi.post("/api/v1/organizations/invitations/code", Map.of("code", code));

        // then
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(notAnAddress.status()).isEqualTo(400);
        assertThat(withdrawn.status()).isEqualTo(204);
        assertThat(withWithdrawn.status()).isEqualTo(404);
        assertThat(joined.status()).as(joined.raw().body()).isEqualTo(200);
        assertThat(joined.json().get("role").asText()).isEqualTo("MEMBER");
        assertThat(twice.status()).isEqualTo(404);
        assertThat(existingApi.get("/api/v1/organizations/" + org).status()).isEqualTo(200);
    }
}
