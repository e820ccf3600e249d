package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tollgate.TollgateApplication;
import dev.tollgate.application.channel.service.ChannelHealthService;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notifications end to end: balance thresholds on organisations and keys (mailed once per crossing, re-armed when the
 * balance rises again, in the recipient's language), channels disabled automatically and back (mailed to the
 * platform's admins), and the same events posted to webhooks with a verified HMAC signature, retried after a failure.
 * A real local SMTP server (GreenMail), a real local webhook receiver, a fake OpenAI upstream, real PostgreSQL.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationsEndToEndTest {
    static final String ROOT_PASSWORD = "notify-" + UUID.randomUUID();
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final Path DATA_DIR = TestDatabase.newDataDir();
    static final GreenMail SMTP = smtp();
    static final WebhookReceiver RECEIVER = receiver();
    static final FakeOpenAiUpstream UPSTREAM = upstream();
    private static final Pattern CODE = Pattern.compile("\\b([A-Za-z0-9_-]{16,})\\b");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ChannelHealthService channelHealth;

    AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        registry.add("tollgate.mail.host", () -> "127.0.0.1");
        registry.add("tollgate.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("tollgate.mail.starttls", () -> "false");
        registry.add("tollgate.mail.from", () -> "gateway@example.test");
        registry.add("tollgate.notifications.balance-check-interval", () -> "200ms");
        registry.add("tollgate.notifications.first-retry-delay", () -> "100ms");
        registry.add("tollgate.notifications.webhook-hosts-allowed", () -> "127.0.0.1");
        registry.add("tollgate.channels.private-hosts-allowed", () -> "127.0.0.1");
    }

    private static GreenMail smtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    private static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FakeOpenAiUpstream upstream() {
        try {
            return new FakeOpenAiUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void signIn() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        RECEIVER.close();
        UPSTREAM.close();
    }

    /** A user with a verified address, signed in. */
    private record Person(String id, String address, AdminApi api) {}

    private Person verifiedUser() throws Exception {
        String username = "n-" + UUID.randomUUID().toString().substring(0, 8);
        AdminApi.Reply r =
                admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD, "role", "USER"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        AdminApi session = new AdminApi(port).loginAs(username, PASSWORD);
        return new Person(r.json().get("id").asText(), verify(session, username + "@example.test"), session);
    }

    private static String verify(AdminApi session, String address) throws Exception {
        assertThat(session.put("/api/v1/users/me/email", Map.of("email", address))
                        .status())
                .isEqualTo(202);
        MimeMessage codeMail = awaitMails(address, 1).getLast();
        Matcher code = CODE.matcher(GreenMailUtil.getBody(codeMail).replace("\r\n", "\n"));
        assertThat(code.find()).isTrue();
        AdminApi.Reply verified = session.post("/api/v1/users/me/email/verification", Map.of("code", code.group(1)));
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        return address;
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(address);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<MimeMessage> awaitMails(String address, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> mailsTo(address).size() >= count);
        return mailsTo(address);
    }

    private static List<String> subjects(String address) {
        return mailsTo(address).stream()
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<WebhookReceiver.Call> awaitCalls(String path, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> RECEIVER.callsTo(path).size() >= count);
        return RECEIVER.callsTo(path);
    }

    private static List<WebhookReceiver.Call> channelCalls(String path) {
        return RECEIVER.callsTo(path).stream()
                .filter(c -> c.headers().getOrDefault("x-tollgate-event", "").startsWith("channel."))
                .toList();
    }

    private static void awaitChannelCalls(String path, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> channelCalls(path).size() >= count);
    }

    private void wallet(String org, String kind, long amount) {
        AdminApi.Reply r = admin.post(
                "/api/v1/organizations/" + org + "/wallet/" + kind, Map.of("amount", amount, "reason", "test"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    }

    @Test
    void givenAnOrganisationsThreshold_whenItsBalanceCrossesIt_thenItsOwnerIsMailedOnceInChineseAndTheWebhookSigned()
            throws Exception {
        // given: an owner who reads Chinese, an organisation with 10,000 units, a threshold of 5,000 and a webhook
        Person alice = verifiedUser();
        assertThat(alice.api()
                        .put("/api/v1/users/" + alice.id() + "/notification-settings", Map.of("language", "zh"))
                        .status())
                .isEqualTo(200);
        AdminApi.Reply created = alice.api().post("/api/v1/organizations", Map.of("name", "acme-" + alice.id()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String org = created.json().get("id").asText();
        String path = "/hook/" + UUID.randomUUID();
        RECEIVER.failFirst(path, 1);
        AdminApi.Reply hook =
                alice.api().post("/api/v1/webhooks", Map.of("url", RECEIVER.url(path), "organizationId", org));
        assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
        String secret = hook.json().get("secret").asText();
        wallet(org, "credits", 10_000);
        AdminApi.Reply set = alice.api()
                .put("/api/v1/organizations/" + org + "/notification-settings", Map.of("balanceThreshold", 5_000));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        int mailsBefore = mailsTo(alice.address()).size();

        // when: the balance falls to 4,000, then to 3,000
        wallet(org, "debits", 6_000);
        awaitMails(alice.address(), mailsBefore + 1);
        wallet(org, "debits", 1_000);

        // then: one mail, in Chinese, naming the balance; one signed webhook call (after one failed attempt)
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailsTo(alice.address()).size() == mailsBefore + 1);
        MimeMessage mail = mailsTo(alice.address()).getLast();
        assertThat(mail.getSubject()).contains("余额提醒").contains("5000");
        assertThat((String) mail.getContent()).contains("4000");
        WebhookReceiver.Call call = awaitCalls(path, 1).getFirst();
        assertThat(call.signedWith(secret)).isTrue();
        assertThat(call.signedWith("whsec_" + "0".repeat(64))).isFalse();
        JsonNode event = JSON.readTree(call.body());
        assertThat(event.get("type").asText()).isEqualTo("balance.low");
        assertThat(event.get("organizationId").asText()).isEqualTo(org);
        assertThat(event.at("/data/balance").asLong()).isEqualTo(4_000);
        assertThat(event.at("/data/threshold").asLong()).isEqualTo(5_000);
        assertThat(call.headers().get("x-tollgate-timestamp"))
                .isEqualTo(event.get("timestamp").asText());
        assertThat(Math.abs(event.get("timestamp").asLong() - System.currentTimeMillis() / 1000))
                .isLessThan(60);
        assertThat(alice.api()
                        .get("/api/v1/organizations/" + org + "/notification-settings")
                        .json()
                        .get("notified")
                        .asBoolean())
                .isTrue();

        // and when the balance rises above the threshold, the next fall is told again
        wallet(org, "credits", 10_000);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !alice.api()
                        .get("/api/v1/organizations/" + org + "/notification-settings")
                        .json()
                        .get("notified")
                        .asBoolean());
        wallet(org, "debits", 10_000);
        awaitMails(alice.address(), mailsBefore + 2);
        assertThat(awaitCalls(path, 2)).hasSize(2);
    }

    @Test
    void givenAKeyWhoseRemainingQuotaIsBelowItsOwnersThreshold_whenTheWatchRuns_thenTheOwnerIsMailedInEnglish()
            throws Exception {
        // given
        Person bob = verifiedUser();
        AdminApi.Reply key = bob.api().post("/api/v1/tokens", Map.of("name", "bob-key", "quota", 1_000));
        assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
        int before = mailsTo(bob.address()).size();

        // when
        AdminApi.Reply set = bob.api()
                .put(
                        "/api/v1/tokens/" + key.json().get("id").asText() + "/notification-settings",
                        Map.of("balanceThreshold", 2_000));

        // then
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        awaitMails(bob.address(), before + 1);
        assertThat(subjects(bob.address()).getLast())
                .isEqualTo("[Tollgate] Low balance: the key bob-key is below 2000");
        assertThat((String) mailsTo(bob.address()).getLast().getContent()).contains("1000 quota units");
    }

    @Test
    void givenAChannelTheUpstreamRejects_whenItIsDisabledAndComesBack_thenAdminsAreMailedAndThePlatformWebhookCalled()
            throws Exception {
        // given: root with a verified address, a platform webhook, a priced channel and a key
        String rootAddress = "root-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        verify(admin, rootAddress);
        String path = "/platform/" + UUID.randomUUID();
        AdminApi.Reply hook = admin.post("/api/v1/webhooks", Map.of("url", RECEIVER.url(path)));
        assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
        String secret = hook.json().get("secret").asText();
        String model = "notify-model-" + UUID.randomUUID().toString().substring(0, 6);
        String channel = admin.createChannel("flaky-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        assertThat(admin.put("/api/v1/prices/" + model, Map.of("input", 1_000_000, "output", 2_000_000))
                        .status())
                .isEqualTo(200);
        String key = admin.createToken(Map.of("name", "n-" + model, "quota", 500_000))
                .get("key")
                .asText();

        // when: the upstream rejects the channel's key (401), then answers the health probe again
        HttpResponse<String> refused = refusedThenRecovered(key, model, path);

        // then: both events, in order, signed (the platform's webhook also hears other tests' balance events)
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
        List<WebhookReceiver.Call> calls = channelCalls(path);
        JsonNode first = JSON.readTree(calls.get(0).body());
        JsonNode second = JSON.readTree(calls.get(1).body());
        assertThat(first.get("type").asText()).isEqualTo("channel.disabled");
        assertThat(first.at("/data/channelId").asText()).isEqualTo(channel);
        assertThat(first.at("/data/reason").asText()).contains("401");
        assertThat(second.get("type").asText()).isEqualTo("channel.enabled");
        assertThat(calls.get(0).signedWith(secret) && calls.get(1).signedWith(secret))
                .isTrue();
        awaitMails(rootAddress, 3);
        assertThat(subjects(rootAddress))
                .contains(
                        "[Tollgate] Channel disabled automatically: flaky-" + model,
                        "[Tollgate] Channel back in service: flaky-" + model);
    }

    @Test
    void givenAnOrganisationsPrivateChannel_whenItIsDisabledAndComesBack_thenItsOwnersAndAdminsAreMailedAndItsWebhook()
            throws Exception {
        // given: an organisation with an owner, an admin and a plain member (all verified, the admin reads Chinese),
        // another organisation's owner, an organisation webhook, a private channel, funds and a key
        Person owner = verifiedUser();
        Person orgAdmin = verifiedUser();
        Person member = verifiedUser();
        Person outsider = verifiedUser();
        assertThat(orgAdmin.api()
                        .put("/api/v1/users/" + orgAdmin.id() + "/notification-settings", Map.of("language", "zh"))
                        .status())
                .isEqualTo(200);
        String org = organisation(owner);
        organisation(outsider);
        for (Map.Entry<Person, String> joining :
                Map.of(orgAdmin, "ADMIN", member, "MEMBER").entrySet()) {
            AdminApi.Reply joined = owner.api()
                    .post(
                            "/api/v1/organizations/" + org + "/members",
                            Map.of("username", username(joining.getKey()), "role", joining.getValue()));
            assertThat(joined.status()).as(joined.raw().body()).isIn(200, 201);
        }
        String path = "/org-channels/" + UUID.randomUUID();
        AdminApi.Reply hook =
                owner.api().post("/api/v1/webhooks?organizationId=" + org, Map.of("url", RECEIVER.url(path)));
        assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
        String secret = hook.json().get("secret").asText();
        String model = "byok-model-" + UUID.randomUUID().toString().substring(0, 6);
        String name = "byok-" + model;
        AdminApi.Reply channel = owner.api()
                .post(
                        "/api/v1/organizations/" + org + "/channels",
                        Map.of(
                                "name", name,
                                "type", "openai",
                                "baseUrl", UPSTREAM.baseUrl(),
                                "keys", List.of("sk-byok-" + model),
                                "models", List.of(model)));
        assertThat(channel.status()).as(channel.raw().body()).isEqualTo(201);
        String channelId = channel.json().get("id").asText();
        assertThat(admin.put("/api/v1/prices/" + model, Map.of("input", 1_000_000, "output", 2_000_000))
                        .status())
                .isEqualTo(200);
        wallet(org, "credits", 1_000_000);
        AdminApi.Reply key = owner.api()
                .post("/api/v1/organizations/" + org + "/tokens", Map.of("name", "k", "unlimitedQuota", true));
        assertThat(key.status()).as(key.raw().body()).isEqualTo(201);
        Map<Person, Integer> before = new HashMap<>();
        for (Person p : List.of(owner, orgAdmin, member, outsider)) {
            before.put(p, mailsTo(p.address()).size());
        }

        // when: the upstream rejects the channel's key (401), then answers the health probe again
        HttpResponse<String> refused =
                refusedThenRecovered(key.json().get("key").asText(), model, path);

        // then: the organisation's owner and admin are told both, each in their language; nobody else of theirs
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
        awaitMails(owner.address(), before.get(owner) + 2);
        awaitMails(orgAdmin.address(), before.get(orgAdmin) + 2);
        assertThat(subjects(owner.address()))
                .contains(
                        "[Tollgate] Channel disabled automatically: " + name,
                        "[Tollgate] Channel back in service: " + name);
        assertThat(subjects(orgAdmin.address()).subList(before.get(orgAdmin), before.get(orgAdmin) + 2))
                .allSatisfy(subject -> assertThat(subject).contains(name).containsPattern("[\\p{IsHan}]"));
        assertThat(mailsTo(owner.address()).getLast().getContent().toString()).contains(name);
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailsTo(member.address()).size() == before.get(member)
                        && mailsTo(outsider.address()).size() == before.get(outsider));
        List<WebhookReceiver.Call> calls = channelCalls(path);
        JsonNode disabled = JSON.readTree(calls.get(0).body());
        JsonNode enabled = JSON.readTree(calls.get(1).body());
        assertThat(disabled.get("type").asText()).isEqualTo("channel.disabled");
        assertThat(disabled.get("organizationId").asText()).isEqualTo(org);
        assertThat(disabled.at("/data/channelId").asText()).isEqualTo(channelId);
        assertThat(disabled.at("/data/name").asText()).isEqualTo(name);
        assertThat(disabled.at("/data/reason").asText()).contains("401");
        assertThat(enabled.get("type").asText()).isEqualTo("channel.enabled");
        assertThat(enabled.get("organizationId").asText()).isEqualTo(org);
        assertThat(calls.get(0).signedWith(secret) && calls.get(1).signedWith(secret))
                .isTrue();
    }

    private static String organisation(Person owner) {
        AdminApi.Reply created = owner.api().post("/api/v1/organizations", Map.of("name", "org-" + owner.id()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String username(Person person) {
        return person.address().substring(0, person.address().indexOf('@'));
    }

    /**
     * The upstream rejects the channel's key (401) on a chat request, so the channel is disabled automatically; then it
     * answers again and the health probe brings the channel back. Returns the refused answer once the webhook at
     * {@code path} heard both.
     */
    private HttpResponse<String> refusedThenRecovered(String key, String model, String path) throws Exception {
        UPSTREAM.failWith(401);
        HttpResponse<String> refused = chat(key, model);
        awaitChannelCalls(path, 1);
        UPSTREAM.reset();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            channelHealth.probeAutoDisabled();
            return channelCalls(path).size() >= 2;
        });
        return refused;
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenBadOrForeignSettings_whenTheyArePut_thenProblemJsonExplainsAndNothingChanges() throws Exception {
        // given
        Person carol = verifiedUser();
        Person dave = verifiedUser();
        String org = carol.api()
                .post("/api/v1/organizations", Map.of("name", "carol-" + carol.id()))
                .json()
                .get("id")
                .asText();
        String settings = "/api/v1/users/" + carol.id() + "/notification-settings";
        carol.api().put(settings, Map.of("balanceThreshold", 700));

        // when
        AdminApi.Reply zero = carol.api().put(settings, Map.of("balanceThreshold", 0));
        AdminApi.Reply french = carol.api().put(settings, Map.of("language", "fr"));
        AdminApi.Reply foreign = dave.api().put(settings, Map.of("balanceThreshold", 1));
        AdminApi.Reply foreignOrg = dave.api()
                .put("/api/v1/organizations/" + org + "/notification-settings", Map.of("balanceThreshold", 1));
        AdminApi.Reply platformHook = dave.api().post("/api/v1/webhooks", Map.of("url", "https://example.com/hook"));
        AdminApi.Reply metadata = carol.api()
                .post(
                        "/api/v1/webhooks",
                        Map.of("url", "http://169.254.169.254/latest/meta-data", "organizationId", org));
        AdminApi.Reply internal =
                carol.api().post("/api/v1/webhooks", Map.of("url", "http://10.1.2.3/hook", "organizationId", org));
        AdminApi.Reply ftp =
                carol.api().post("/api/v1/webhooks", Map.of("url", "ftp://example.com/", "organizationId", org));

        // then
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(zero.json().get("code").asText()).isEqualTo("invalid_threshold");
        assertThat(french.status()).isEqualTo(400);
        assertThat(french.json().get("code").asText()).isEqualTo("invalid_language");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreignOrg.status()).isEqualTo(404);
        assertThat(platformHook.status()).isEqualTo(403);
        assertThat(List.of(metadata.status(), internal.status(), ftp.status())).containsOnly(400);
        assertThat(internal.json().get("code").asText()).isEqualTo("invalid_webhook_url");
        assertThat(carol.api().get(settings).json().get("balanceThreshold").asLong())
                .isEqualTo(700);
        assertThat(carol.api()
                        .get("/api/v1/webhooks?organizationId=" + org)
                        .json()
                        .get("data"))
                .isEmpty();
    }
}
