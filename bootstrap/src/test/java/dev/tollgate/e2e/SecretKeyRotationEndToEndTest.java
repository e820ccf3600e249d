package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.secretkey.SecretKeyRotation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;

/**
 * Rotating {@code TOLLGATE_SECRET_KEY} in place over real HTTP and the embedded PostgreSQL: an installation whose
 * channel key, SMTP password, webhook secret and session signing key were sealed with the old key restarts with the
 * new key and the old one as {@code TOLLGATE_SECRET_KEY_PREVIOUS}; everything keeps working while every stored secret
 * is sealed again with the new key; then it starts with the new key alone. A key that opens nothing stored stops the
 * start with a message naming the setting. No secret is ever in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretKeyRotationEndToEndTest {
    private static final String SMTP_LOGIN = "mailer";
    private static final String SMTP_PASSWORD = "smtp-" + UUID.randomUUID();
    private static final GreenMail SMTP = smtp();
    private static final FakeOpenAiUpstream UPSTREAM = upstream();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GreenMail smtp() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        server.setUser("mailer@example.test", SMTP_LOGIN, SMTP_PASSWORD);
        return server;
    }

    private static FakeOpenAiUpstream upstream() {
        try {
            return new FakeOpenAiUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        UPSTREAM.close();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static ConfigurableApplicationContext start(
            Path dataDir, String rootPassword, String secretKey, String previousKey) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--tollgate.data-dir=" + dataDir,
                "--tollgate.root-password=" + rootPassword,
                "--spring.datasource.url=",
                "--tollgate.db.url=",
                "--tollgate.notifications.webhook-hosts-allowed=127.0.0.1",
                "--tollgate.secret-key=" + secretKey));
        if (previousKey != null) {
            args.add("--tollgate.secret-key-previous=" + previousKey);
        }
        return new SpringApplicationBuilder(TollgateApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    private static int chat(ConfigurableApplicationContext ctx, String key, String model) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(ctx) + "/v1/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** A relay call reaches the upstream with the channel's key, and a test mail logs in with the SMTP password. */
    private static void assertSecretsWork(ConfigurableApplicationContext ctx, AdminApi admin, String key, String model)
            throws Exception {
        int before = UPSTREAM.received().size();
        assertThat(chat(ctx, key, model)).isEqualTo(200);
        assertThat(UPSTREAM.received().subList(before, UPSTREAM.received().size()))
                .extracting(FakeOpenAiUpstream.Received::authorization)
                .containsExactly("Bearer sk-upstream-rotating-" + model);
        int mails = SMTP.getReceivedMessages().length;
        AdminApi.Reply test = admin.post("/api/v1/settings/mail/test", Map.of("to", "ops@example.test"));
        assertThat(test.status()).as(test.raw().body()).isEqualTo(204);
        assertThat(SMTP.waitForIncomingEmail(10_000, mails + 1)).isTrue();
    }

    @Test
    void givenSecretsSealedWithTheOldKey_whenRestartedWithANewKeyAndThePrevious_thenAllWorkAndAreSealedAgain(
            CapturedOutput log) throws Exception {
        Assumptions.assumeFalse(
                dockerAvailable(), "the embedded database is only used when no Docker engine is available");
        // given: an installation set up with the old key
        Path dataDir = TestDatabase.newDataDir();
        String rootPassword = "rotate-" + UUID.randomUUID();
        String oldKey = randomKey();
        String newKey = randomKey();
        String model = "rotation-" + UUID.randomUUID().toString().substring(0, 8);
        String apiKey;
        String webhookSecret;
        try (ConfigurableApplicationContext old = start(dataDir, rootPassword, oldKey, null)) {
            AdminApi admin = new AdminApi(port(old)).loginAs("root", rootPassword);
            admin.createChannel("rotating-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
            admin.setPrice(model, 1_000_000, 2_000_000);
            apiKey = admin.createToken(Map.of("name", "k-" + model, "quota", 500_000))
                    .get("key")
                    .asText();
            AdminApi.Reply mail = admin.put(
                    "/api/v1/settings/mail",
                    Map.of(
                            "host",
                            "127.0.0.1",
                            "port",
                            SMTP.getSmtp().getPort(),
                            "username",
                            SMTP_LOGIN,
                            "password",
                            SMTP_PASSWORD,
                            "from",
                            "gateway@example.test",
                            "startTls",
                            false));
            assertThat(mail.status()).as(mail.raw().body()).isEqualTo(200);
            AdminApi.Reply hook = admin.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/rotation"));
            assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
            webhookSecret = hook.json().get("secret").asText();
            assertSecretsWork(old, admin, apiKey, model);
        }

        // when: restarted with the new key and the old one as the previous key
        String newKeyId;
        try (ConfigurableApplicationContext rotating = start(dataDir, rootPassword, newKey, oldKey)) {
            AdminApi admin = new AdminApi(port(rotating)).loginAs("root", rootPassword);
            assertSecretsWork(rotating, admin, apiKey, model);
            SecretKeyRotation rotation = rotating.getBean(SecretKeyRotation.class);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> rotation.countsByKeyId().size() == 1);
            newKeyId = rotation.countsByKeyId().keySet().iterator().next();
            assertSecretsWork(rotating, admin, apiKey, model);
        }

        // then: the new key alone opens everything; a key that opens nothing stops the start, naming the setting
        try (ConfigurableApplicationContext rotated = start(dataDir, rootPassword, newKey, null)) {
            AdminApi admin = new AdminApi(port(rotated)).loginAs("root", rootPassword);
            assertSecretsWork(rotated, admin, apiKey, model);
            assertThat(rotated.getBean(SecretKeyRotation.class).countsByKeyId())
                    .containsOnlyKeys(newKeyId)
                    .satisfies(counts -> assertThat(counts.get(newKeyId)).isGreaterThanOrEqualTo(5));
        }
        assertThatThrownBy(() -> start(dataDir, rootPassword, randomKey(), null).close())
                .rootCause()
                .hasMessageContaining("cannot be opened")
                .hasMessageContaining("another secret key (id " + newKeyId + ")")
                .hasMessageContaining("tollgate.secret-key (TOLLGATE_SECRET_KEY)");
        assertThat(log.getAll())
                .contains("every stored secret is sealed with the secret key of id " + newKeyId)
                .doesNotContain("sk-upstream-rotating-" + model)
                .doesNotContain(SMTP_PASSWORD)
                .doesNotContain(webhookSecret)
                .doesNotContain(apiKey)
                .doesNotContain(oldKey)
                .doesNotContain(newKey);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
